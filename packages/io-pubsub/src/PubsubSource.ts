import type { Clock, Duration, UnboundedSource } from "@tributary/core";
import type { Logger } from "./Logger";
import type { PubsubCheckpointMark } from "./PubsubCheckpointMark";
import { qualifiedName, type PubsubConnectionOptions } from "./PubsubConnection";
import type { PubsubMessage } from "./PubsubMessage";
import { PubsubReader } from "./PubsubReader";

/**
 * Options of {@link pubsubSource}.
 * @public
 */
export interface PubsubSourceOptions extends PubsubConnectionOptions {
  /** The subscription to pull from: its name, or `projects/P/subscriptions/S`. */
  readonly subscription: string;
  /**
   * The attribute holding each message's event time (epoch ms or RFC 3339). Default: the
   * publish time. A message whose attribute is missing or unreadable is stamped with its publish
   * time and carries `timestampError` (readPubsub dead-letters it).
   */
  readonly timestampAttribute?: string;
  /**
   * The attribute holding a publisher-chosen id: messages with the same id within `dedupTtl` are
   * delivered once (messages without it fall back to their message id). Default: the message id,
   * which deduplicates Pub/Sub's redeliveries only.
   */
  readonly idAttribute?: string;
  /** How long ids are remembered for deduplication (default 10 minutes). */
  readonly dedupTtl?: Duration;
  /** How far behind the watermark estimate an element may be and still be on time (default 0). */
  readonly maxOutOfOrderness?: Duration;
  /**
   * After this long with nothing buffered and nothing arriving, the watermark follows processing
   * time (minus `maxOutOfOrderness`) so an idle subscription does not stall the pipeline
   * (default 5 seconds).
   */
  readonly idleTimeout?: Duration;
  /**
   * At most this many messages (and bytes) are held un-acknowledged — buffered or being processed;
   * the stream is paused when the limit is reached (defaults 1000 messages, 100 MiB).
   */
  readonly flowControl?: { readonly maxMessages?: number; readonly maxBytes?: number };
  /**
   * The ack deadline the client asks for (and extends by) while it holds a message: if the process
   * stalls or dies for longer, Pub/Sub redelivers (default: the client's, 10 s to 10 min by
   * observed processing times).
   */
  readonly ackDeadline?: Duration;
  /** How long a held message's lease is extended at most (default 60 minutes). */
  readonly maxAckExtension?: Duration;
  /**
   * When this signal aborts, the source drains: it stops taking messages (those already received
   * but not buffered go back to Pub/Sub), hands out what it buffered, and once everything handed
   * out is finalized, reports the end of time so the pipeline fires its last windows and finishes.
   */
  readonly drain?: AbortSignal;
  /** Processing time for the watermark and deduplication (default the system clock). */
  readonly clock?: Clock;
  /** Where stream errors and close failures are reported (default: nowhere). */
  readonly logger?: Logger;
}

function checkPositive(value: number | undefined, what: string, integer: boolean): void {
  if (value === undefined) return;
  if (!(value > 0) || (integer && !Number.isInteger(value))) {
    throw new RangeError(
      `pubsubSource: ${what} must be a positive ${integer ? "integer" : "number"}, got ${String(value)}`,
    );
  }
}

function checkDuration(value: number | undefined, what: string): void {
  if (value !== undefined && !(value >= 0)) {
    throw new RangeError(
      `pubsubSource: ${what} must be a duration >= 0 in milliseconds, got ${String(value)}`,
    );
  }
}

/**
 * An unbounded source of the messages of a Pub/Sub subscription: streaming pull with flow
 * control, event times from an attribute or the publish time, a watermark estimated from the
 * oldest unacknowledged event time, deduplication of redeliveries, and acknowledgement only when
 * the runner finalizes a checkpoint covering the message (at-least-once).
 * @example
 * ```ts
 * const source = new PubsubSource({ subscription: "clicks-sub", projectId: "my-project" });
 * const messages = p.apply(read(source));
 * ```
 * @public
 */
export class PubsubSource implements UnboundedSource<PubsubMessage, PubsubCheckpointMark> {
  /** The fully qualified subscription name. */
  readonly subscription: string;

  /**
   * @throws Error when the subscription's project cannot be told, or RangeError when an option is
   * out of range.
   */
  constructor(readonly options: PubsubSourceOptions) {
    this.subscription = qualifiedName("subscriptions", options.subscription, options, "pubsubSource");
    checkPositive(options.flowControl?.maxMessages, "flowControl.maxMessages", true);
    checkPositive(options.flowControl?.maxBytes, "flowControl.maxBytes", true);
    checkDuration(options.dedupTtl, "dedupTtl");
    checkDuration(options.maxOutOfOrderness, "maxOutOfOrderness");
    checkDuration(options.idleTimeout, "idleTimeout");
    checkPositive(options.maxAckExtension, "maxAckExtension", false);
    checkPositive(options.ackDeadline, "ackDeadline", false);
    if (options.timestampAttribute === "")
      throw new Error("pubsubSource: timestampAttribute is empty; omit it to use publish times");
    if (options.idAttribute === "")
      throw new Error("pubsubSource: idAttribute is empty; omit it to deduplicate by message id");
  }

  /**
   * Opens a reader: checks that the subscription exists and starts pulling. Pub/Sub keeps the
   * position (unacknowledged messages come back); with the `checkpoint` of a restored run the
   * reader first acknowledges the messages that checkpoint covers but had not acknowledged, and
   * drops (and acknowledges) redeliveries of the ids it remembers — so their effects, already
   * in the restored state, are not applied twice.
   * @throws Error when the subscription does not exist.
   */
  open(checkpoint?: PubsubCheckpointMark): Promise<PubsubReader> {
    return PubsubReader.open(this.subscription, this.options, checkpoint);
  }

  toString(): string {
    return `pubsubSource(${JSON.stringify(this.subscription)})`;
  }
}

/**
 * Makes a {@link PubsubSource}: read it with `p.apply(read(pubsubSource(...)))`, or use
 * {@link readPubsub} to also parse messages and route bad ones to dead letters.
 * @example
 * ```ts
 * const messages = p.apply(read(pubsubSource({ subscription: "clicks-sub", projectId: "p", timestampAttribute: "ts" })));
 * ```
 * @public
 */
export function pubsubSource(options: PubsubSourceOptions): PubsubSource {
  return new PubsubSource(options);
}
