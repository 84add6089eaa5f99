import { randomUUID } from "node:crypto";
import {
  Duration as ClientDuration,
  SubscriptionCloseBehaviors,
  type Message,
  type Subscription,
} from "@google-cloud/pubsub";
import {
  MAX_TIMESTAMP,
  minutes,
  seconds,
  systemClock,
  type Instant,
  type SourceBatch,
  type UnboundedReader,
} from "@tributary/core";
import { DedupCache } from "./DedupCache";
import { parseEventTimestamp } from "./EventTimestamp";
import { silentLogger, type Logger } from "./Logger";
import type { PubsubCheckpointMark } from "./PubsubCheckpointMark";
import { connect, type PubsubConnection } from "./PubsubConnection";
import type { PubsubMessage } from "./PubsubMessage";
import type { PubsubSourceOptions } from "./PubsubSource";
import { WatermarkEstimator } from "./WatermarkEstimator";

/** A received message, with what the reader derived from it. */
interface Received {
  readonly message: Message;
  readonly value: PubsubMessage;
  readonly eventTime: Instant;
}

/**
 * What a {@link PubsubReader} holds right now, for monitoring and tests.
 * @public
 */
export interface PubsubReaderStats {
  /** Received and waiting to be handed to the runner. */
  readonly buffered: number;
  /** Handed to the runner (or dropped as duplicates) and not yet acknowledged. */
  readonly unacked: number;
  /** Received while draining: returned to Pub/Sub when the reader closes. */
  readonly held: number;
  /** Messages received since the reader opened. */
  readonly received: number;
  /** Messages acknowledged since the reader opened. */
  readonly acked: number;
  /** Redelivered (or same-id) messages dropped since the reader opened. */
  readonly duplicatesDropped: number;
  /** Ids remembered for deduplication (including those restored from a checkpoint mark). */
  readonly dedupIds: number;
}
const COMPACT_AT = 1024;

/**
 * Reads one Pub/Sub subscription for a {@link PubsubSource}: messages arrive by streaming pull
 * into a buffer bounded by flow control (the client pauses the stream while the messages it
 * holds un-acknowledged reach the limit); `read` hands them out; `finalizeCheckpoint`
 * acknowledges the ones handed out before the mark; `close` returns everything else to Pub/Sub
 * (nack) so it is redelivered at once.
 * @example
 * ```ts
 * const reader = await pubsubSource({ subscription: "s", projectId: "p" }).open();
 * const batch = await reader.read(100);
 * await reader.finalizeCheckpoint(reader.checkpointMark());
 * await reader.close();
 * ```
 * @public
 */
export class PubsubReader implements UnboundedReader<PubsubMessage, PubsubCheckpointMark> {
  private readonly id = randomUUID();
  private buffer: Received[] = [];
  private head = 0;
  /** Handed out, not yet acknowledged; `unacked[0]` has position `ackedPosition`. */
  private unacked: Received[] = [];
  private ackedPosition = 0;
  private handedOut = 0;
  private readonly held: Message[] = [];
  private received = 0;
  private duplicatesDropped = 0;
  private streamError: Error | undefined;
  private draining = false;
  private closed: Promise<void> | undefined;
  private readonly estimator: WatermarkEstimator;
  private readonly dedup: DedupCache;
  private readonly logger: Logger;
  private readonly onMessage = (m: Message): void => this.receive(m);
  private readonly onError = (e: Error): void => {
    this.streamError ??= e;
    this.logger.error({ err: e, subscription: this.connection.name }, "Pub/Sub streaming pull failed");
  };
  private readonly onDrain = (): void => {
    this.draining = true;
  };

  private constructor(
    private readonly connection: PubsubConnection,
    private readonly subscription: Subscription,
    private readonly options: PubsubSourceOptions,
  ) {
    const clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.estimator = new WatermarkEstimator({
      maxOutOfOrderness: options.maxOutOfOrderness ?? 0,
      idleTimeout: options.idleTimeout ?? seconds(5),
      clock,
    });
    this.dedup = new DedupCache(options.dedupTtl ?? minutes(10), clock);
  }

  /** @internal */
  static async open(
    subscriptionName: string,
    options: PubsubSourceOptions,
    mark?: PubsubCheckpointMark,
  ): Promise<PubsubReader> {
    const connection = connect(subscriptionName, options);
    const subscription = connection.client.subscription(subscriptionName, {
      flowControl: {
        maxMessages: options.flowControl?.maxMessages ?? 1000,
        maxBytes: options.flowControl?.maxBytes ?? 100 * 1024 * 1024,
        allowExcessMessages: false,
      },
      // close() nacks what it does not acknowledge itself, then waits for every ack and nack to be
      // sent (the client's default, NackImmediately, would also nack acks still being batched).
      closeOptions: {
        behavior: SubscriptionCloseBehaviors.WaitForProcessing,
        timeout: ClientDuration.from({ seconds: 10 }),
      },
      ...(options.ackDeadline !== undefined
        ? {
            minAckDeadline: ClientDuration.from({ milliseconds: options.ackDeadline }),
            maxAckDeadline: ClientDuration.from({ milliseconds: options.ackDeadline }),
          }
        : {}),
      ...(options.maxAckExtension !== undefined
        ? { maxExtensionTime: ClientDuration.from({ milliseconds: options.maxAckExtension }) }
        : {}),
    });
    let exists: boolean;
    try {
      [exists] = await subscription.exists();
    } catch (e) {
      if (connection.owned) await connection.client.close();
      throw new Error(
        `pubsubSource: cannot reach Pub/Sub to check ${subscriptionName}: ${e instanceof Error ? e.message : String(e)}; ` +
          "check the network, credentials, or PUBSUB_EMULATOR_HOST / clientOptions.apiEndpoint",
        { cause: e },
      );
    }
    if (!exists) {
      if (connection.owned) await connection.client.close();
      throw new Error(
        `pubsubSource: subscription ${subscriptionName} does not exist; create it ` +
          `(gcloud pubsub subscriptions create ${subscriptionName.split("/").pop()} --topic=TOPIC) or fix the name`,
      );
    }
    const reader = new PubsubReader(connection, subscription, options);
    if (mark) await reader.resume(mark);
    subscription.on("error", reader.onError);
    subscription.on("message", reader.onMessage);
    if (options.drain) {
      if (options.drain.aborted) reader.draining = true;
      else options.drain.addEventListener("abort", reader.onDrain, { once: true });
    }
    return reader;
  }

  /**
   * After a restart from a checkpoint holding `mark`: remembers its ids, so redeliveries of
   * messages whose effects the checkpoint holds are dropped (and acknowledged), and acknowledges
   * the messages it had handed out but not yet acknowledged.
   */
  private async resume(mark: PubsubCheckpointMark): Promise<void> {
    // Marks of an older version of this package carry neither field.
    this.dedup.restore(mark.dedup ?? []);
    const ackIds = mark.ackIds ?? [];
    if (ackIds.length === 0) return;
    try {
      for (let i = 0; i < ackIds.length; i += 2500) {
        const reqOpts = { subscription: this.connection.name, ackIds: ackIds.slice(i, i + 2500) };
        await new Promise<void>((resolve, reject) => {
          this.connection.client.request<unknown>(
            { client: "SubscriberClient", method: "acknowledge", reqOpts },
            (err) => (err ? reject(err) : resolve()),
          );
        });
      }
    } catch (e) {
      // Leases may have expired since: those messages are redelivered and deduplicated instead.
      this.logger.warn(
        { err: e, subscription: this.connection.name },
        "acknowledging the messages of a restored checkpoint failed; their redeliveries will be deduplicated",
      );
    }
  }

  private receive(message: Message): void {
    if (this.closed) {
      message.nack();
      return;
    }
    if (this.draining) {
      this.held.push(message);
      return;
    }
    const publishTime = message.publishTime.getTime();
    let eventTime = publishTime;
    let timestampError: string | undefined;
    const attribute = this.options.timestampAttribute;
    if (attribute !== undefined) {
      const parsed = parseEventTimestamp(message.attributes[attribute], attribute);
      if ("timestamp" in parsed) eventTime = parsed.timestamp;
      else timestampError = parsed.error;
    }
    const value: PubsubMessage = {
      data: message.data,
      attributes: message.attributes,
      messageId: message.id,
      publishTime,
      ...(message.orderingKey ? { orderingKey: message.orderingKey } : {}),
      ...(timestampError !== undefined ? { timestampError } : {}),
    };
    this.received++;
    this.estimator.observe(eventTime);
    this.buffer.push({ message, value, eventTime });
  }

  /**
   * Hands out up to `maxElements` buffered messages (an empty batch when none is buffered),
   * dropping redeliveries of ids seen within the dedup TTL (they are acknowledged with the next
   * finalized checkpoint).
   * @throws Error when the streaming pull failed (e.g. the subscription was deleted).
   */
  read(maxElements: number): Promise<SourceBatch<PubsubMessage>> {
    if (this.streamError) {
      return Promise.reject(
        new Error(
          `pubsubSource: streaming pull from ${this.connection.name} failed: ${this.streamError.message}`,
          { cause: this.streamError },
        ),
      );
    }
    const available = this.buffer.length - this.head;
    const n = Math.min(maxElements, available);
    const values: PubsubMessage[] = [];
    const timestamps: Instant[] = [];
    const idAttribute = this.options.idAttribute;
    for (let i = 0; i < n; i++) {
      const r = this.buffer[this.head + i]!;
      this.unacked.push(r);
      const id =
        (idAttribute !== undefined ? r.value.attributes[idAttribute] : undefined) ?? r.value.messageId;
      if (!this.dedup.add(id)) {
        this.duplicatesDropped++;
        continue;
      }
      values.push(r.value);
      timestamps.push(r.eventTime);
    }
    this.head += n;
    this.handedOut += n;
    if (this.head === this.buffer.length) {
      this.buffer = [];
      this.head = 0;
    } else if (this.head >= COMPACT_AT && this.head * 2 >= this.buffer.length) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
    return Promise.resolve({ values, timestamps });
  }

  /**
   * The estimated watermark (see {@link WatermarkEstimator}) over the messages buffered or handed
   * out and not yet acknowledged; the end of time once a drain has finished.
   */
  watermark(): Instant {
    if (this.draining && this.head === this.buffer.length && this.unacked.length === 0) return MAX_TIMESTAMP;
    let oldest = Infinity;
    for (let i = this.head; i < this.buffer.length; i++) oldest = Math.min(oldest, this.buffer[i]!.eventTime);
    for (const r of this.unacked) oldest = Math.min(oldest, r.eventTime);
    return this.estimator.estimate(oldest === Infinity ? undefined : oldest);
  }

  /** A mark covering every message handed out so far, with the ids deduplication needs after a restart. */
  checkpointMark(): PubsubCheckpointMark {
    const ackIds = new Array<string>(this.unacked.length);
    for (let i = 0; i < ackIds.length; i++) ackIds[i] = this.unacked[i]!.message.ackId;
    return { reader: this.id, position: this.handedOut, ackIds, dedup: this.dedup.snapshot() };
  }

  /** Acknowledges the messages handed out before `mark` was taken. */
  finalizeCheckpoint(mark: PubsubCheckpointMark): Promise<void> {
    if (mark.reader !== this.id) return Promise.resolve();
    const count = Math.min(mark.position - this.ackedPosition, this.unacked.length);
    if (count <= 0) return Promise.resolve();
    for (let i = 0; i < count; i++) this.unacked[i]!.message.ack();
    this.unacked = count === this.unacked.length ? [] : this.unacked.slice(count);
    this.ackedPosition += count;
    return Promise.resolve();
  }

  /** What the reader holds right now. */
  stats(): PubsubReaderStats {
    return {
      buffered: this.buffer.length - this.head,
      unacked: this.unacked.length,
      held: this.held.length,
      received: this.received,
      acked: this.ackedPosition,
      duplicatesDropped: this.duplicatesDropped,
      dedupIds: this.dedup.size,
    };
  }

  /**
   * Stops pulling, returns every message not acknowledged to Pub/Sub (nack: redelivered at once),
   * waits until pending acknowledgements are sent (at most 10 s) and closes the client if the
   * source made it. Idempotent.
   */
  close(): Promise<void> {
    this.closed ??= this.doClose();
    return this.closed;
  }

  private async doClose(): Promise<void> {
    this.options.drain?.removeEventListener("abort", this.onDrain);
    this.subscription.removeListener("message", this.onMessage);
    try {
      for (let i = this.head; i < this.buffer.length; i++) this.buffer[i]!.message.nack();
      for (const r of this.unacked) r.message.nack();
      for (const m of this.held) m.nack();
      // Waits until every ack and nack has been sent (the client nacks what is left at its timeout).
      await this.subscription.close();
      if (this.connection.owned) await this.connection.client.close();
    } catch (e) {
      this.logger.warn(
        { err: e, subscription: this.connection.name },
        "closing the Pub/Sub subscriber failed; unacknowledged messages will be redelivered after their ack deadline",
      );
    } finally {
      // The error listener stays: an 'error' event without a listener would crash the process.
      this.buffer = [];
      this.head = 0;
      this.unacked = [];
      this.held.length = 0;
    }
  }
}
