import { PTransform, days, flatten, minutes, type Duration, type PCollection } from "@tributary/core";
import type { ClickEvent } from "../datagen/ClickEvent";
import { BurstRule } from "./BurstRule";
import type { FraudAlert } from "./FraudAlert";
import { HighValueFirstPurchaseRule, type HighValueFirstPurchaseOptions } from "./HighValueFirstPurchaseRule";
import { ImpossibleTravelRule, type ImpossibleTravelOptions } from "./ImpossibleTravelRule";

/** A count threshold: `threshold` events within `within` alert. @public */
export interface RateLimit {
  readonly threshold: number;
  readonly within: Duration;
}

/** Thresholds of {@link FraudDetection}; the defaults are what the CLI runs. @public */
export interface FraudOptions {
  /** Purchases per card. Default 5 within 5 minutes (a purchase a minute, sustained). */
  readonly cardVelocity?: RateLimit;
  /** Declined payments per card. Default 5 within 5 minutes. */
  readonly failedPayments?: RateLimit;
  /** Page and product views per user. Default 60 within 1 minute. */
  readonly clickRate?: RateLimit;
  readonly impossibleTravel?: Partial<ImpossibleTravelOptions>;
  readonly highValueFirstPurchase?: Partial<HighValueFirstPurchaseOptions>;
}

/** The output of {@link FraudDetection}. @public */
export interface FraudResults {
  /** Every rule's alerts, in the global window, each as soon as its rule fires. */
  readonly alerts: PCollection<FraudAlert>;
}

/** The thresholds the CLI runs. @public */
export const DEFAULT_FRAUD_OPTIONS = {
  cardVelocity: { threshold: 5, within: minutes(5) },
  failedPayments: { threshold: 5, within: minutes(5) },
  clickRate: { threshold: 60, within: minutes(1) },
  impossibleTravel: { maxSpeedKmh: 1000, minDistanceKm: 500 },
  highValueFirstPurchase: { minAmountCents: 150_000, memory: days(30) },
} as const satisfies Required<FraudOptions>;

/**
 * Fraud detection on the click stream with stateful rules and timers — per-key state, no
 * windows, alerts as soon as the evidence is complete:
 * - `card_velocity`: too many purchases on one card in a short span ({@link BurstRule}: per-card
 *   counter with an expiry timer, one alert per burst);
 * - `failed_payment_burst`: the same for declined payments (card testing);
 * - `click_bot`: too many views by one user per minute;
 * - `impossible_travel`: two payments of one card further apart than a plane could fly in the
 *   time between (last payment place in value state);
 * - `high_value_first_purchase`: a new card's first purchase is a large one.
 * @public
 */
export class FraudDetection extends PTransform<PCollection<ClickEvent>, FraudResults> {
  constructor(private readonly options: FraudOptions = {}) {
    super("FraudDetection");
  }

  expand(events: PCollection<ClickEvent>): FraudResults {
    const o = { ...DEFAULT_FRAUD_OPTIONS, ...this.options };
    const rules = [
      new BurstRule({
        rule: "card_velocity",
        select: (e) => e.type === "purchase",
        keyOf: (e) => e.cardId,
        ...o.cardVelocity,
        noun: "purchases",
      }),
      new BurstRule({
        rule: "failed_payment_burst",
        select: (e) => e.type === "payment_failed",
        keyOf: (e) => e.cardId,
        ...o.failedPayments,
        noun: "declined payments",
      }),
      new BurstRule({
        rule: "click_bot",
        select: (e) => e.type === "page_view" || e.type === "product_view",
        keyOf: (e) => e.userId,
        ...o.clickRate,
        noun: "views",
      }),
      new ImpossibleTravelRule({
        ...DEFAULT_FRAUD_OPTIONS.impossibleTravel,
        ...this.options.impossibleTravel,
      }),
      new HighValueFirstPurchaseRule({
        ...DEFAULT_FRAUD_OPTIONS.highValueFirstPurchase,
        ...this.options.highValueFirstPurchase,
      }),
    ];
    return {
      alerts: flatten(
        rules.map((rule) => events.apply(rule)),
        "AllAlerts",
      ),
    };
  }
}
