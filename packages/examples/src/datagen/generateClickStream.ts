import type { ClickEvent } from "./ClickEvent";
import { ClickStreamGenerator } from "./ClickStreamGenerator";
import type { ClickStreamOptions } from "./ClickStreamOptions";
import type { FraudLabel } from "./FraudLabel";

/** A generated bounded click stream: events in arrival order, and the injected fraud labels. @public */
export interface GeneratedClickStream {
  readonly events: ClickEvent[];
  readonly labels: readonly FraudLabel[];
}

/**
 * Generates a bounded click stream in memory (for tests, oracles and `createTimestamped`).
 * @throws RangeError when neither `maxEvents` nor `durationMs` bounds the stream.
 * @example
 * ```ts
 * const { events } = generateClickStream({ seed: 1, maxEvents: 500 });
 * p.apply(createTimestamped(events.map((e) => ({ value: e, timestamp: e.timestamp }))));
 * ```
 * @public
 */
export function generateClickStream(options: ClickStreamOptions): GeneratedClickStream {
  if (options.maxEvents === undefined && options.durationMs === undefined) {
    throw new RangeError("generateClickStream needs maxEvents or durationMs, or it would never end");
  }
  const gen = new ClickStreamGenerator(options);
  const events: ClickEvent[] = [];
  for (let e = gen.next(); e; e = gen.next()) events.push(e);
  return { events, labels: gen.labels };
}
