import {
  PTransform,
  combineFn,
  slidingWindows,
  type Duration,
  type KV,
  type PCollection,
} from "@tributary/core";
import type { ClickEvent } from "../datagen/ClickEvent";
import { windowFieldsOf } from "../rows/windowFields";
import type { FraudAlert, FraudRule } from "./FraudAlert";

/** Options of a {@link WindowedCountRule}. @public */
export interface WindowedCountRuleOptions {
  readonly rule: FraudRule;
  /** The events the rule counts. */
  readonly select: (e: ClickEvent) => boolean;
  /** Who is counted: the card, the user. */
  readonly keyOf: (e: ClickEvent) => string | null;
  /** Counting window: `slidingWindows(size).every(period)`. */
  readonly size: Duration;
  readonly period: Duration;
  /** Alert when the count in one window reaches this. */
  readonly threshold: number;
  /** What is counted, in the plural, for the reason ("purchases"). */
  readonly noun: string;
}

interface Tally {
  count: number;
  amountCents: number;
  first: number;
  last: number;
}

const tallyFn = combineFn<ClickEvent, Tally, Tally>({
  name: "tally",
  create: () => ({ count: 0, amountCents: 0, first: Infinity, last: -Infinity }),
  add(acc, e) {
    acc.count++;
    acc.amountCents += e.amountCents ?? 0;
    if (e.timestamp < acc.first) acc.first = e.timestamp;
    if (e.timestamp > acc.last) acc.last = e.timestamp;
    return acc;
  },
  merge([first, ...rest]) {
    const acc = first!;
    for (const o of rest) {
      acc.count += o.count;
      acc.amountCents += o.amountCents;
      acc.first = Math.min(acc.first, o.first);
      acc.last = Math.max(acc.last, o.last);
    }
    return acc;
  },
  extract: (acc) => ({ ...acc }),
});

/**
 * A velocity rule: counts the selected events per key in sliding windows and alerts when one
 * window reaches the threshold. A burst shorter than the window is seen whole by at least one
 * window; it alerts once per window that holds `threshold` of its events (see the README on
 * suppressing repeats with state).
 * @public
 */
export class WindowedCountRule extends PTransform<PCollection<ClickEvent>, PCollection<FraudAlert>> {
  constructor(private readonly options: WindowedCountRuleOptions) {
    super(`Rule[${options.rule}]`);
  }

  expand(events: PCollection<ClickEvent>): PCollection<FraudAlert> {
    const { rule, select, keyOf, size, period, threshold, noun } = this.options;
    const span = size % 60_000 === 0 ? `${size / 60_000} min` : `${size / 1000} s`;
    return events
      .filter((e) => select(e) && keyOf(e) !== null, "Select")
      .withKeys((e) => keyOf(e)!, "Key")
      .windowInto(slidingWindows(size).every(period), {}, "SlidingWindows")
      .combinePerKey(tallyFn, "Count")
      .filter((t: KV<string, Tally>) => t.value.count >= threshold, "OverThreshold")
      .parDo<FraudAlert>(
        {
          name: "ToAlert",
          process(t, ctx) {
            const w = windowFieldsOf(ctx.window, ctx.pane);
            ctx.output({
              rule,
              key: t.key,
              at: t.value.last,
              windowStart: w.windowStart,
              windowEnd: w.windowEnd,
              reason: `${t.value.count} ${noun} in ${span} (limit ${threshold - 1})`,
              evidence: {
                count: t.value.count,
                amountCents: t.value.amountCents,
                firstAt: new Date(t.value.first).toISOString(),
                lastAt: new Date(t.value.last).toISOString(),
              },
            });
          },
        },
        "ToAlert",
      );
  }
}
