import type { Instant } from "@tributary/core";

/**
 * One Pub/Sub message as a {@link pubsubSource} emits it.
 * @example
 * ```ts
 * const text = (m: PubsubMessage) => Buffer.from(m.data).toString("utf8");
 * ```
 * @public
 */
export interface PubsubMessage {
  /** The payload, as published. */
  readonly data: Uint8Array;
  readonly attributes: Readonly<Record<string, string>>;
  /** The id Pub/Sub gave the message when it was published. */
  readonly messageId: string;
  /** When Pub/Sub received the publish, epoch ms. */
  readonly publishTime: Instant;
  /** The message's ordering key, when it was published with one. */
  readonly orderingKey?: string;
  /**
   * Set when the source's timestamp attribute was missing or unreadable: why. The element is then
   * stamped with its publish time; {@link readPubsub} routes such messages to its dead letters.
   */
  readonly timestampError?: string;
}
