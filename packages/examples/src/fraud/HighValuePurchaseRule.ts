import {
  PTransform,
  asSingleton,
  combiners,
  fixedWindows,
  parDo,
  type Duration,
  type PCollection,
} from "@tributary/core";
import type { ClickEvent } from "../datagen/ClickEvent";
import { windowFieldsOf } from "../rows/windowFields";
import type { FraudAlert } from "./FraudAlert";

/** Options of {@link HighValuePurchaseRule}. @public */
export interface HighValuePurchaseOptions {
  /** The window whose mean purchase amount is the reference. Default 1 hour. */
  readonly window: Duration;
  /** Alert at this many times the window's mean amount... Default 10. */
  readonly multiple: number;
  /** ...and never below this amount in cents. Default $1,500. */
  readonly minAmountCents: number;
}

/**
 * A purchase far above what the shop usually sells: at least `multiple` times the mean purchase
 * amount of its window (computed by `combiners.mean` and read as a singleton side input) and at
 * least `minAmountCents`. Purchases wait for their window's mean, i.e. until the watermark
 * passes the end of the window.
 * @public
 */
export class HighValuePurchaseRule extends PTransform<PCollection<ClickEvent>, PCollection<FraudAlert>> {
  constructor(private readonly options: HighValuePurchaseOptions) {
    super("Rule[high_value_purchase]");
  }

  expand(events: PCollection<ClickEvent>): PCollection<FraudAlert> {
    const { window, multiple, minAmountCents } = this.options;
    const purchases = events
      .filter((e) => e.type === "purchase" && e.amountCents !== null && e.cardId !== null, "Purchases")
      .windowInto(fixedWindows(window), {}, "Window");
    const meanAmount = purchases
      .map((e) => e.amountCents!, "Amounts")
      .combineGlobally(combiners.mean(), "MeanAmount");
    const meanView = asSingleton(meanAmount, { defaultValue: 0 });
    return purchases.apply(
      "CompareWithMean",
      parDo<ClickEvent, FraudAlert>({
        name: "CompareWithMean",
        process(e, ctx) {
          const mean = ctx.sideInput(meanView);
          const amount = e.amountCents!;
          if (amount < minAmountCents || amount < multiple * mean) return;
          const w = windowFieldsOf(ctx.window, ctx.pane);
          ctx.output({
            rule: "high_value_purchase",
            key: e.cardId!,
            at: e.timestamp,
            windowStart: w.windowStart,
            windowEnd: w.windowEnd,
            reason: `purchase of $${(amount / 100).toFixed(2)} is ${(amount / mean).toFixed(1)}× the mean $${(mean / 100).toFixed(2)} (limit ${multiple}×)`,
            evidence: {
              amountCents: amount,
              meanAmountCents: Math.round(mean),
              eventId: e.eventId,
              city: e.city,
            },
          });
        },
      }).withSideInputs(meanView),
    );
  }
}
