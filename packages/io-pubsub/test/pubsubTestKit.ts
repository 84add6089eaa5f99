/** Shared helpers of the io-pubsub integration tests: the server, fresh topics, publishing, polling. */
import { PubSub, type Subscription, type Topic } from "@google-cloud/pubsub";
import type { PCollection, Runner, WindowedValue } from "@tributary/core";
import { afterAll, beforeAll, inject } from "vitest";
import { startTestEmulator } from "./startTestEmulator";

export const PROJECT = "tributary-test";

export interface PubsubTestKit {
  /** `127.0.0.1:PORT` of the server. */
  readonly host: string;
  /** A client of the server, closed after the file's tests. */
  readonly client: PubSub;
  /** Connection options for sources and sinks under test. */
  readonly connection: {
    readonly projectId: string;
    readonly clientOptions: { readonly apiEndpoint: string };
  };
}

/**
 * Connects the file's tests to the pstest server of the global setup or, when the vitest project
 * does not wire it, to one started for this file. Call at the top level of a test file.
 */
export function usePubsubEmulator(): PubsubTestKit {
  const kit = {} as { host: string; client: PubSub; connection: PubsubTestKit["connection"] };
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    let host = inject("pubsubEmulatorHost") as string | undefined;
    if (!host) {
      const emulator = await startTestEmulator();
      host = emulator.host;
      stop = () => emulator.stop();
    }
    kit.host = host;
    kit.client = new PubSub({ projectId: PROJECT, apiEndpoint: host });
    kit.connection = { projectId: PROJECT, clientOptions: { apiEndpoint: host } };
  });
  afterAll(async () => {
    await kit.client?.close();
    await stop?.();
  });
  return kit;
}

let counter = 0;

/** A new topic with one subscription, uniquely named. */
export async function freshTopic(
  kit: PubsubTestKit,
  options: { ordering?: boolean; ackDeadlineSeconds?: number } = {},
): Promise<{ topic: Topic; subscription: Subscription; topicName: string; subscriptionName: string }> {
  const id = `${process.pid}-${Date.now().toString(36)}-${++counter}`;
  const [topic] = await kit.client.createTopic(`topic-${id}`);
  const [subscription] = await topic.createSubscription(`sub-${id}`, {
    enableMessageOrdering: options.ordering ?? false,
    ackDeadlineSeconds: options.ackDeadlineSeconds ?? 10,
  });
  return { topic, subscription, topicName: `topic-${id}`, subscriptionName: `sub-${id}` };
}

/** Publishes messages in order and waits for every publish. */
export async function publishAll(
  topic: Topic,
  messages: ReadonlyArray<{
    data: string | Buffer;
    attributes?: Record<string, string>;
    orderingKey?: string;
  }>,
): Promise<string[]> {
  return Promise.all(
    messages.map((m) =>
      topic.publishMessage({
        data: typeof m.data === "string" ? Buffer.from(m.data) : m.data,
        ...(m.attributes ? { attributes: m.attributes } : {}),
        ...(m.orderingKey ? { orderingKey: m.orderingKey } : {}),
      }),
    ),
  );
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `condition` every 20 ms until it holds; fails after `timeoutMs` with `what`. */
export async function eventually(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Steps `runner` (sleeping briefly when idle), draining `pcs` into arrays, until `done` says so
 * or the time runs out.
 */
export async function stepUntil(
  runner: Runner,
  pcs: readonly PCollection<unknown>[],
  done: (collected: ReadonlyArray<ReadonlyArray<WindowedValue<unknown>>>) => boolean,
  timeoutMs = 20_000,
): Promise<Array<Array<WindowedValue<unknown>>>> {
  const collected = pcs.map(() => [] as Array<WindowedValue<unknown>>);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const moved = await runner.step();
    pcs.forEach((pc, i) => collected[i]!.push(...runner.drain(pc)));
    if (done(collected)) return collected;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms; collected ${collected.map((c) => c.length).join(", ")} element(s)`,
      );
    }
    if (!moved) await sleep(5);
  }
}

/** Pulls (and acks) messages from a subscription with a plain client until `count` arrived. */
export async function receiveWithPlainClient(
  subscription: Subscription,
  count: number,
  timeoutMs = 15_000,
): Promise<Array<{ data: string; attributes: Record<string, string>; orderingKey: string | undefined }>> {
  const got: Array<{ data: string; attributes: Record<string, string>; orderingKey: string | undefined }> =
    [];
  const onMessage = (m: {
    data: Buffer;
    attributes: Record<string, string>;
    orderingKey?: string;
    ack(): void;
  }): void => {
    got.push({
      data: m.data.toString("utf8"),
      attributes: m.attributes,
      orderingKey: m.orderingKey || undefined,
    });
    m.ack();
  };
  subscription.on("message", onMessage);
  try {
    await eventually(
      `${count} messages on ${subscription.name} (got ${got.length})`,
      () => got.length >= count,
      timeoutMs,
    );
    await sleep(300); // anything more would be a duplicate or an extra message: let it arrive
  } finally {
    subscription.removeListener("message", onMessage);
    await subscription.close();
  }
  return got;
}
