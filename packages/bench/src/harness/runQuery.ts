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

/**
 * Runs the query's hand-written baseline over the same events. With `onRead` (memory runs), the
 * baseline reads its events through a view that reports how far it has read, so its live heap
 * is sampled the way the pipeline's source samples it; that view is slow, and a memory run's
 * speed is not reported.
 * @public
 */
export function runBaseline<O>(
  query: NexmarkQuery<O>,
  input: GeneratedEvents,
  sink: Sink<O>,
  ctx: QueryContext,
  onRead?: (eventsRead: number) => void,
): void {
  query.baseline(onRead ? watchedReads(input.events, onRead) : input.events, sink, ctx);
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
