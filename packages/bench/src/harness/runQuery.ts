import { Pipeline, read, VirtualClock } from "@tributary/core";
import type { GeneratedEvents } from "../nexmark/NexmarkGenerator";
import type { NexmarkQuery, QueryContext } from "../queries/NexmarkQuery";
import type { Sink } from "./Sink";
import { ArraySource } from "./ArraySource";

/**
 * Runs `query` as a Tributary pipeline over `input` on the in-process runner, writing its
 * outputs to `sink`. Processing time is a virtual clock that the source moves batch by batch.
 * @public
 */
export async function runPipeline<O>(
  query: NexmarkQuery<O>,
  input: GeneratedEvents,
  sink: Sink<O>,
  ctx: QueryContext,
  onRead?: (eventsRead: number) => void,
): Promise<void> {
  const p = Pipeline.create();
  const clock = new VirtualClock(ctx.config.baseTime);
  const events = p.apply("Events", read(new ArraySource(input, clock, 0, onRead)));
  query.expand(events, sink, ctx);
  await p.run({ bundleSize: ctx.bundleSize, clock });
}

/** Runs the query's hand-written baseline over the same events. @public */
export function runBaseline<O>(
  query: NexmarkQuery<O>,
  input: GeneratedEvents,
  sink: Sink<O>,
  ctx: QueryContext,
): void {
  query.baseline(input.events, sink, ctx);
}
