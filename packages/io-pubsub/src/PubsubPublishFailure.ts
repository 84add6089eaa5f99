import type { Instant } from "@tributary/core";

/**
 * An element {@link writePubsub} could not publish after its retries (only emitted when the
 * sink's `deadLetters` option is on; otherwise the pipeline fails).
 * @example
 * ```ts
 * const { deadLetters } = orders.apply(writePubsub({ topic: "orders", projectId: "p", deadLetters: true }));
 * deadLetters.map((f) => `${f.error} after ${f.attempts} tries`);
 * ```
 * @public
 */
export interface PubsubPublishFailure<T> {
  readonly element: T;
  readonly timestamp: Instant;
  /** The fully qualified topic. */
  readonly topic: string;
  /** The last error, e.g. `Error: 5 NOT_FOUND: topic not found`. */
  readonly error: string;
  /** How many times publishing was tried. */
  readonly attempts: number;
}
