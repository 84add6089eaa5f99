import type { PubSub } from "@google-cloud/pubsub";
import { systemClock, type Clock } from "@tributary/core";
import { ClickStreamGenerator } from "../datagen/ClickStreamGenerator";
import type { ClickStreamOptions } from "../datagen/ClickStreamOptions";
import type { FraudLabel } from "../datagen/FraudLabel";

/** The attribute that carries a click's event time (epoch ms) on Pub/Sub. @public */
export const EVENT_TIME_ATTRIBUTE = "ts";
/** The attribute that carries a click's id, for deduplicating redeliveries. @public */
export const EVENT_ID_ATTRIBUTE = "eventId";

/** Options of {@link publishClickStream}. @public */
export interface PublishClickStreamOptions {
  readonly pubsub: PubSub;
  readonly topic: string;
  /** The stream; `maxEvents` or `durationMs` should bound it. */
  readonly stream: ClickStreamOptions;
  /** Events per second of processing time; default as fast as Pub/Sub takes them. */
  readonly ratePerSecond?: number;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
}

/** What {@link publishClickStream} published. @public */
export interface PublishedClickStream {
  readonly published: number;
  readonly labels: readonly FraudLabel[];
}

/**
 * Publishes the synthetic click stream to a Pub/Sub topic in arrival order, one JSON message per
 * event with its event time in the `ts` attribute and its id in `eventId` — how a site's
 * collector would publish clicks. Resolves once every message is confirmed.
 * @public
 */
export async function publishClickStream(options: PublishClickStreamOptions): Promise<PublishedClickStream> {
  const clock = options.clock ?? systemClock;
  const topic = options.pubsub.topic(options.topic, {
    batching: { maxMessages: 500, maxMilliseconds: 20 },
  });
  const generator = new ClickStreamGenerator(options.stream);
  const started = clock.now();
  let pending: Array<Promise<string>> = [];
  for (let e = generator.next(); e && !options.signal?.aborted; e = generator.next()) {
    pending.push(
      topic.publishMessage({
        data: Buffer.from(JSON.stringify(e)),
        attributes: { [EVENT_TIME_ATTRIBUTE]: String(e.timestamp), [EVENT_ID_ATTRIBUTE]: e.eventId },
      }),
    );
    if (pending.length >= 1000) {
      await Promise.all(pending);
      pending = [];
    }
    if (options.ratePerSecond !== undefined) {
      const due = started + (generator.emitted * 1000) / options.ratePerSecond;
      const wait = due - clock.now();
      if (wait > 5) {
        await Promise.all(pending);
        pending = [];
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
  await Promise.all(pending);
  await topic.flush();
  return { published: generator.emitted, labels: generator.labels };
}
