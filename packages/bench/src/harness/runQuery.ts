import { Pipeline, read, VirtualClock } from "@tributary/core";
import type { GeneratedEvents } from "../nexmark/NexmarkGenerator";
import type { NexmarkEvent } from "../nexmark/model";
import type { NexmarkQuery, QueryContext } from "../queries/NexmarkQuery";
import type { Sink } from "./Sink";
import { ArraySource } from "./ArraySource";
import { isStreamed, type StreamedInput } from "./StreamedInput";
import { StreamedSource } from "./StreamedSource";
import { streamedView } from "./streamedView";

/**
 * A query's input: pre-generated arrays (throughput runs: generation is not timed) or events
 * generated batch by batch as they are read (peak-RSS runs: the input is not held).
 * @public
 */
export type QueryInput = GeneratedEvents | StreamedInput<NexmarkEvent>;

/**
 * Runs `query` as a Tributary pipeline over `input` on the in-process runner, writing its
 * outputs to `sink`. Processing time is a virtual clock that the source moves batch by batch.
 * Streamed input is read by a {@link StreamedSource} with the same batches, watermark and clock.
 * @public
 */
export async function runPipeline<O>(
  query: NexmarkQuery<O>,
  input: QueryInput,
  sink: Sink<O>,
  ctx: QueryContext,
  onRead?: (eventsRead: number) => void,
): Promise<void> {
  const p = Pipeline.create();
  const clock = new VirtualClock(ctx.config.baseTime);
  const source = isStreamed(input)
    ? new StreamedSource(input, clock, 0, onRead)
    : new ArraySource(input, clock, 0, onRead);
  const events = p.apply("Events", read(source));
  query.expand(events, sink, ctx);
  await p.run({ bundleSize: ctx.bundleSize, clock });
}

/**
 * Runs the query's hand-written baseline over the same events. With `onRead` (memory runs), the
 * baseline reads its events through a view that reports how far it has read, so its live heap
 * is sampled the way the pipeline's source samples it; that view is slow, and a memory run's
 * speed is not reported. Streamed input is read through a {@link streamedView} holding one
 * source batch (`ctx.bundleSize` events).
 * @public
 */
export function runBaseline<O>(
  query: NexmarkQuery<O>,
  input: QueryInput,
  sink: Sink<O>,
  ctx: QueryContext,
  onRead?: (eventsRead: number) => void,
): void {
  const events = isStreamed(input) ? streamedView(input, ctx.bundleSize) : input.events;
  query.baseline(onRead ? watchedReads(events, onRead) : events, sink, ctx);
}

/** `events`, reporting each index read (plus one) to `onRead`. */
function watchedReads<T>(events: readonly T[], onRead: (eventsRead: number) => void): readonly T[] {
  return new Proxy(events, {
    get(target, property, receiver) {
      if (typeof property === "string") {
        const i = Number(property);
        if (Number.isInteger(i) && i >= 0) onRead(i + 1);
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
