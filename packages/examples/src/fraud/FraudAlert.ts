/** The detection rules. @public */
export type FraudRule =
  "card_velocity" | "failed_payment_burst" | "click_bot" | "impossible_travel" | "high_value_first_purchase";

/**
 * One fraud alert: which rule fired, on which card (or user), when, why (a sentence) and the
 * evidence the rule saw.
 * @public
 */
export interface FraudAlert {
  readonly rule: FraudRule;
  /** The card id, or the user id for `click_bot`. */
  readonly key: string;
  /** Event time of the event that made the rule fire, epoch ms. */
  readonly at: number;
  /** The span of event time the evidence covers: [evidenceStart, evidenceEnd] (inclusive). */
  readonly evidenceStart: number;
  readonly evidenceEnd: number;
  /** A readable reason, e.g. "7 purchases within 3.5 min (limit 4 per 5 min)". */
  readonly reason: string;
  readonly evidence: Readonly<Record<string, string | number>>;
}
