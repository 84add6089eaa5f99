import type { Instant } from "@tributary/core";

/**
 * Why a message was dead-lettered: its timestamp attribute was missing or unreadable, it was
 * larger than allowed, its payload could not be parsed, or the parsed value failed validation.
 * @public
 */
export type PubsubDeadLetterReason = "timestamp" | "size" | "parse" | "validation";

/**
 * A message {@link readPubsub} could not turn into an element, with everything needed to
 * inspect, fix and republish it.
 * @example
 * ```ts
 * const { deadLetters } = p.apply(readPubsub({ subscription: "s", projectId: "p" }));
 * deadLetters.map((d) => `${d.messageId}: ${d.error}`);
 * ```
 * @public
 */
export interface PubsubDeadLetter {
  /** The payload, as published. */
  readonly data: Uint8Array;
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageId: string;
  readonly publishTime: Instant;
  readonly orderingKey?: string;
  readonly reason: PubsubDeadLetterReason;
  /** What went wrong, e.g. `SyntaxError: Unexpected token } in JSON at position 9`. */
  readonly error: string;
}
