/** The kinds of misbehaviour the generator injects. @public */
export type FraudPattern =
  "card_velocity" | "impossible_travel" | "failed_payment_burst" | "click_bot" | "high_value_purchase";

/**
 * Ground truth about one injected fraud episode, kept beside the stream (never inside the
 * events), so detectors can be scored for precision and recall.
 * @public
 */
export interface FraudLabel {
  readonly pattern: FraudPattern;
  /** The card (payment patterns) or user (click_bot) the episode uses; unique to the episode. */
  readonly key: string;
  /** Event time of the episode's first and last event. */
  readonly start: number;
  readonly end: number;
  readonly eventIds: readonly string[];
}
