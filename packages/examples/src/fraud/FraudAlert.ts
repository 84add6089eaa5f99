/** The detection rules. @public */
export type FraudRule =
  "card_velocity" | "failed_payment_burst" | "click_bot" | "impossible_travel" | "high_value_purchase";

/**
 * One fraud alert: which rule fired, on which card (or user), when, why (a sentence) and the
 * evidence the rule saw.
 * @public
 */
export interface FraudAlert {
  readonly rule: FraudRule;
  /** The card id, or the user id for `click_bot`. */
  readonly key: string;
  /** Event time the alert is about, epoch ms. */
  readonly at: number;
  /** The window the rule looked at. */
  readonly windowStart: number;
  readonly windowEnd: number;
  /** A readable reason, e.g. "7 purchases in 5 minutes (limit 5)". */
  readonly reason: string;
  readonly evidence: Readonly<Record<string, string | number>>;
}
