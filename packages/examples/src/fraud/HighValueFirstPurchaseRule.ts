import {
  PTransform,
  eventTimer,
  valueState,
  type DoFn,
  type Duration,
  type KV,
  type PCollection,
} from "@tributary/core";
import type { ClickEvent } from "../datagen/ClickEvent";
import type { FraudAlert } from "./FraudAlert";

/** Options of {@link HighValueFirstPurchaseRule}. @public */
export interface HighValueFirstPurchaseOptions {
  /** A card's first purchase of at least this many cents alerts. Default $1,500. */
  readonly minAmountCents: number;
  /** A card unseen for this long counts as new again. Default 30 days. */
  readonly memory: Duration;
}

/**
 * A new card's first purchase is a large one — the classic stolen-card cash-out. A stateful
 * DoFn keyed by card remembers in `valueState` when the card last purchased; a purchase of a
 * card with no such memory and an amount of at least `minAmountCents` alerts. An event-time timer
 * forgets the card after `memory` without purchases.
 *
 * "First" is in event time only up to the disorder of the input: a stateful DoFn sees elements
 * in arrival order, so of two purchases a few seconds apart the one that arrives first is first.
 * @public
 */
export class HighValueFirstPurchaseRule extends PTransform<PCollection<ClickEvent>, PCollection<FraudAlert>> {
  constructor(private readonly options: HighValueFirstPurchaseOptions) {
    super("Rule[high_value_first_purchase]");
  }

  expand(events: PCollection<ClickEvent>): PCollection<FraudAlert> {
    return events
      .filter((e) => e.type === "purchase" && e.cardId !== null && e.amountCents !== null, "Purchases")
      .withKeys((e) => e.cardId!, "KeyByCard")
      .parDo(firstPurchaseDetector(this.options), "CheckFirstPurchase");
  }
}

/** The stateful DoFn of {@link HighValueFirstPurchaseRule}. @public */
export function firstPurchaseDetector(
  options: HighValueFirstPurchaseOptions,
): DoFn<KV<string, ClickEvent>, FraudAlert> {
  const { minAmountCents, memory } = options;
  const lastPurchase = valueState<number>("lastPurchase");
  const forget = eventTimer("forget");
  return {
    name: "CheckFirstPurchase",
    state: { lastPurchase },
    timers: { forget },
    process(kv, ctx) {
      const e = kv.value;
      const cell = ctx.state.access(lastPurchase);
      const last = cell.read();
      const amount = e.amountCents!;
      if (last === undefined && amount >= minAmountCents) {
        ctx.output({
          rule: "high_value_first_purchase",
          key: kv.key,
          at: e.timestamp,
          evidenceStart: e.timestamp,
          evidenceEnd: e.timestamp,
          reason: `first purchase of a new card is $${(amount / 100).toFixed(2)} (limit $${(minAmountCents / 100).toFixed(2)})`,
          evidence: {
            amountCents: amount,
            eventId: e.eventId,
            items: (e.items ?? []).join(","),
            city: e.city,
          },
        });
        ctx.metrics.counter("alerts").inc();
      }
      if (last === undefined || e.timestamp > last) {
        cell.write(e.timestamp);
        ctx.timers.access(forget).set(e.timestamp + memory);
      }
    },
    onTimer(ctx) {
      ctx.state.access(lastPurchase).clear();
    },
  };
}
