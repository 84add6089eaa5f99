import { NexmarkGenerator } from "../nexmark/NexmarkGenerator";
import type { NexmarkConfig } from "../nexmark/NexmarkConfig";
import type { NexmarkEvent } from "../nexmark/model";

/**
 * The first `count` elements of a deterministic stream, generated as they are read instead of
 * held in arrays: every call of `start` begins the same stream again. Read by a
 * {@link StreamedSource} (pipelines) or a {@link streamedView} (baselines), so that a run's
 * peak RSS is what the run keeps, not its input.
 * @public
 */
export interface StreamedInput<T> {
  readonly count: number;
  /** A fresh generator at the stream's first element; `next()` is called at most `count` times. */
  start(): { next(): T };
  /** The element's event timestamp. */
  timestampOf(element: T): number;
}

/** The first `count` Nexmark events for `config` (the same as `generateEvents(count, config)`), streamed. @public */
export function streamedNexmark(count: number, config: NexmarkConfig): StreamedInput<NexmarkEvent> {
  return {
    count,
    start: () => new NexmarkGenerator(config),
    timestampOf: (e) => e.dateTime,
  };
}

/** Whether `input` is streamed rather than pre-generated. @public */
export function isStreamed<T>(input: object): input is StreamedInput<T> {
  return "start" in input;
}
