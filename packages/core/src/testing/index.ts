export { TestStream } from "./TestStream";
export type { TestStreamEvent } from "./TestStreamEvent";
export { assertThat, PAssert, PipelineAssertionError } from "./assertThat";
export { VirtualClock } from "../runner/VirtualClock";
