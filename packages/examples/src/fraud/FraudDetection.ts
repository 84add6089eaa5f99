import { PTransform, flatten, globalWindows, hours, minutes, type PCollection } from "@tributary/core";
import type { ClickEvent } from "../datagen/ClickEvent";
import type { FraudAlert } from "./FraudAlert";
import { HighValuePurchaseRule, type HighValuePurchaseOptions } from "./HighValuePurchaseRule";
import { ImpossibleTravelRule, type ImpossibleTravelOptions } from "./ImpossibleTravelRule";
import { WindowedCountRule } from "./WindowedCountRule";

/** Thresholds of {@link FraudDetection}; the defaults are what the CLI runs. @public */
export interface FraudOptions {
  /** Purchases per card in 5 minutes that alert. Default 5. */
  readonly purchasesPer5Min?: number;
  /** Declined payments per card in 5 minutes that alert. Default 5. */
  readonly failedPaymentsPer5Min?: number;
  /** Views per user in one minute that alert. Default 60. */
  readonly viewsPerMinute?: number;
  readonly impossibleTravel?: Partial<ImpossibleTravelOptions>;
  readonly highValue?: Partial<HighValuePurchaseOptions>;
}

/** The output of {@link FraudDetection}. @public */
export interface FraudResults {
  /** Every rule's alerts, in the global window. */
  readonly alerts: PCollection<FraudAlert>;
}

/**
 * Fraud detection on the click stream, built from windows, sessions, combiners and a side input:
 * - `card_velocity`: ≥ N purchases on one card in any 5-minute sliding window (every minute);
 * - `failed_payment_burst`: ≥ N declined payments on one card in 5 minutes (card testing);
 * - `click_bot`: ≥ N views by one user in a 1-minute window (every 30 s);
 * - `impossible_travel`: two payments of one card further apart than a plane could fly in the
 *   time between (per-card session windows);
 * - `high_value_purchase`: a purchase ≥ 10× the hour's mean purchase (side input) and ≥ $1,500.
 * @public
 */
export class FraudDetection extends PTransform<PCollection<ClickEvent>, FraudResults> {
  constructor(private readonly options: FraudOptions = {}) {
    super("FraudDetection");
  }

  expand(events: PCollection<ClickEvent>): FraudResults {
    const o = this.options;
    const rules = [
      new WindowedCountRule({
        rule: "card_velocity",
        select: (e) => e.type === "purchase",
        keyOf: (e) => e.cardId,
        size: minutes(5),
        period: minutes(1),
        threshold: o.purchasesPer5Min ?? 5,
        noun: "purchases",
      }),
      new WindowedCountRule({
        rule: "failed_payment_burst",
        select: (e) => e.type === "payment_failed",
        keyOf: (e) => e.cardId,
        size: minutes(5),
        period: minutes(1),
        threshold: o.failedPaymentsPer5Min ?? 5,
        noun: "declined payments",
      }),
      new WindowedCountRule({
        rule: "click_bot",
        select: (e) => e.type === "page_view" || e.type === "product_view",
        keyOf: (e) => e.userId,
        size: minutes(1),
        period: minutes(0.5),
        threshold: o.viewsPerMinute ?? 60,
        noun: "views",
      }),
      new ImpossibleTravelRule({
        gap: hours(1),
        maxSpeedKmh: 1000,
        minDistanceKm: 500,
        ...o.impossibleTravel,
      }),
      new HighValuePurchaseRule({ window: hours(1), multiple: 10, minAmountCents: 150_000, ...o.highValue }),
    ];
    const perRule = rules.map((rule) =>
      events.apply(rule).windowInto(globalWindows(), {}, `Unwindow[${rule.defaultName}]`),
    );
    return { alerts: flatten(perRule, "AllAlerts") };
  }
}
