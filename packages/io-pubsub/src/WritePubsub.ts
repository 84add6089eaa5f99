import { parDo, PTransform, type Duration, type PCollection } from "@tributary/core";
import type { Logger } from "./Logger";
import { qualifiedName, type PubsubConnectionOptions } from "./PubsubConnection";
import type { PubsubPublishFailure } from "./PubsubPublishFailure";
import { PublishFn } from "./PublishFn";
import { resolveRetry, type RetryOptions } from "./RetryPolicy";

/**
 * Options of {@link writePubsub}.
 * @public
 */
export interface WritePubsubOptions<T> extends PubsubConnectionOptions {
  /** The topic to publish to: its name, or `projects/P/topics/T`. */
  readonly topic: string;
  /** The payload of an element (default: its JSON, UTF-8). */
  readonly serialize?: (element: T) => Uint8Array | string;
  /** The attributes of an element's message. */
  readonly attributes?: (element: T) => Record<string, string> | undefined;
  /**
   * The ordering key of an element's message: messages with the same key are published (and,
   * on a subscription with message ordering, delivered) in order. Turns on ordered publishing.
   */
  readonly orderingKey?: (element: T) => string | undefined;
  /** When set, each message carries its element's event timestamp (epoch ms) in this attribute. */
  readonly timestampAttribute?: string;
  /**
   * Client-side batching of publishes (defaults 1000 messages, 9 MiB, 10 ms). Each bundle is
   * flushed and awaited when it finishes, whatever these say.
   */
  readonly batching?: {
    readonly maxMessages?: number;
    readonly maxBytes?: number;
    readonly maxDelay?: Duration;
  };
  /** Retries with backoff of failed publishes (default 5 tries for transient errors). */
  readonly retry?: RetryOptions;
  /**
   * What happens to elements that still fail after their retries: by default the pipeline fails
   * with a {@link PubsubPublishError}; with `true` they go to the `deadLetters` output.
   */
  readonly deadLetters?: boolean;
  /** Where retries are reported (default: nowhere). */
  readonly logger?: Logger;
}

/**
 * What {@link writePubsub} returns: the elements it could not publish (empty unless the
 * `deadLetters` option is on).
 * @public
 */
export interface WritePubsubResult<T> {
  readonly deadLetters: PCollection<PubsubPublishFailure<T>>;
}

/**
 * Publishes every element of a PCollection to a Pub/Sub topic. Elements are buffered per bundle
 * and published when the bundle finishes; the bundle finishes only once every publish is
 * confirmed, so a finished bundle is durably published (at-least-once: a retried bundle may
 * publish an element again).
 * @example
 * ```ts
 * totals.apply(writePubsub<Total>({
 *   topic: "totals", projectId: "p",
 *   attributes: (t) => ({ user: t.user }), orderingKey: (t) => t.user,
 * }));
 * ```
 * @public
 */
export class WritePubsub<T> extends PTransform<PCollection<T>, WritePubsubResult<T>> {
  /** The fully qualified topic name. */
  readonly topic: string;
  private readonly retry;

  /** @throws Error when the topic's project cannot be told, RangeError when an option is out of range. */
  constructor(readonly options: WritePubsubOptions<T>) {
    super("WritePubsub");
    this.topic = qualifiedName("topics", options.topic, options, "writePubsub");
    this.retry = resolveRetry(options.retry);
    const b = options.batching;
    for (const [what, v] of [
      ["batching.maxMessages", b?.maxMessages],
      ["batching.maxBytes", b?.maxBytes],
    ] as const) {
      if (v !== undefined && !(Number.isInteger(v) && v > 0))
        throw new RangeError(`writePubsub: ${what} must be a positive integer, got ${v}`);
    }
    if (b?.maxDelay !== undefined && !(b.maxDelay >= 0))
      throw new RangeError(`writePubsub: batching.maxDelay must be >= 0 ms, got ${b.maxDelay}`);
    if (options.timestampAttribute === "")
      throw new Error("writePubsub: timestampAttribute is empty; omit it to publish no timestamp");
  }

  expand(input: PCollection<T>): WritePubsubResult<T> {
    return {
      deadLetters: input.apply("Publish", parDo(new PublishFn<T>(this.topic, this.options, this.retry))),
    };
  }

  override toString(): string {
    return `writePubsub(${JSON.stringify(this.topic)})`;
  }
}

/**
 * Publishes every element to a Pub/Sub topic. @see WritePubsub
 * @example
 * ```ts
 * counts.apply(writePubsub({ topic: "counts", projectId: "my-project" }));
 * ```
 * @public
 */
export function writePubsub<T>(options: WritePubsubOptions<T>): WritePubsub<T> {
  return new WritePubsub(options);
}
