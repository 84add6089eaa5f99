import type { Topic } from "@google-cloud/pubsub";
import type { BoundedWindow, BundleContext, DoFn, Instant, ProcessContext } from "@tributary/core";
import { PubsubPublishError } from "./PubsubPublishError";
import { silentLogger, type Logger } from "./Logger";
import { connect, type PubsubConnection } from "./PubsubConnection";
import type { PubsubPublishFailure } from "./PubsubPublishFailure";
import type { ResolvedRetry } from "./RetryPolicy";
import type { WritePubsubOptions } from "./WritePubsub";

interface Outgoing<T> {
  readonly element: T;
  readonly timestamp: Instant;
  readonly window: BoundedWindow;
  readonly message: { data: Buffer; attributes?: Record<string, string>; orderingKey?: string };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * Buffers a bundle's elements and publishes them in finishBundle, awaiting every publish (with
 * retries) so that a finished bundle is a published bundle.
 * @internal
 */
export class PublishFn<T> implements DoFn<T, PubsubPublishFailure<T>> {
  readonly name = "PublishToPubsub";
  private connection: PubsubConnection | undefined;
  private topic: Topic | undefined;
  private pending: Outgoing<T>[] = [];
  private readonly logger: Logger;
  private readonly serialize: (element: T) => Uint8Array | string;

  constructor(
    private readonly topicName: string,
    private readonly options: WritePubsubOptions<T>,
    private readonly retry: ResolvedRetry,
  ) {
    this.logger = options.logger ?? silentLogger;
    this.serialize = options.serialize ?? ((e: T) => JSON.stringify(e));
  }

  setup(): void {
    this.connection = connect(this.topicName, this.options);
    const b = this.options.batching;
    this.topic = this.connection.client.topic(this.topicName, {
      batching: {
        maxMessages: b?.maxMessages ?? 1000,
        maxBytes: b?.maxBytes ?? 9 * 1024 * 1024,
        maxMilliseconds: b?.maxDelay ?? 10,
      },
      messageOrdering: this.options.orderingKey !== undefined,
    });
  }

  startBundle(): void {
    this.pending = [];
  }

  process(element: T, ctx: ProcessContext<PubsubPublishFailure<T>>): void {
    const payload = this.serialize(element);
    const data =
      typeof payload === "string"
        ? Buffer.from(payload, "utf8")
        : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    const message: Outgoing<T>["message"] = { data };
    let attributes = this.options.attributes?.(element);
    const tsAttribute = this.options.timestampAttribute;
    if (tsAttribute !== undefined) attributes = { ...attributes, [tsAttribute]: String(ctx.timestamp) };
    if (attributes !== undefined) message.attributes = attributes;
    const key = this.options.orderingKey?.(element);
    if (key) message.orderingKey = key;
    this.pending.push({ element, timestamp: ctx.timestamp, window: ctx.window, message });
  }

  async finishBundle(ctx: BundleContext<PubsubPublishFailure<T>>): Promise<void> {
    const topic = this.topic!;
    let todo = this.pending;
    this.pending = [];
    for (let attempt = 1; todo.length > 0; attempt++) {
      const results = await Promise.allSettled(todo.map((o) => topic.publishMessage(o.message)));
      const again: Outgoing<T>[] = [];
      let lastError: unknown;
      const failed: Array<{ readonly outgoing: Outgoing<T>; readonly error: unknown }> = [];
      for (let i = 0; i < results.length; i++) {
        const r = results[i]!;
        if (r.status === "fulfilled") continue;
        lastError = r.reason;
        if (attempt < this.retry.maxAttempts && this.retry.isRetryable(r.reason)) again.push(todo[i]!);
        else failed.push({ outgoing: todo[i]!, error: r.reason });
      }
      // A failed ordered publish pauses its key; resume it so the retry (or later bundles) can go.
      for (const o of again) if (o.message.orderingKey) topic.resumePublishing(o.message.orderingKey);
      for (const f of failed)
        if (f.outgoing.message.orderingKey) topic.resumePublishing(f.outgoing.message.orderingKey);
      if (failed.length > 0) {
        if (!this.options.deadLetters)
          throw new PubsubPublishError(this.topicName, failed.length, attempt, lastError);
        for (const { outgoing: o, error } of failed) {
          const failure = {
            element: o.element,
            timestamp: o.timestamp,
            topic: this.topicName,
            error: describe(error),
            attempts: attempt,
          };
          ctx.outputAt(failure, o.timestamp, o.window);
        }
      }
      if (again.length > 0) {
        const wait = this.retry.backoff(attempt);
        this.logger.warn(
          { topic: this.topicName, failures: again.length, attempt, waitMs: wait, err: lastError },
          "publishing to Pub/Sub failed; retrying",
        );
        await sleep(wait);
      }
      todo = again;
    }
  }

  async teardown(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    this.topic = undefined;
    if (connection?.owned) await connection.client.close();
  }
}
