import { createTimestamped, Pipeline } from "@tributary/core";
import { describe, expect, it } from "vitest";
import { writePubsub } from "../src";
import { freshTopic, PROJECT, receiveWithPlainClient, usePubsubEmulator } from "./pubsubTestKit";

const kit = usePubsubEmulator();

interface Order {
  readonly customer: string;
  readonly seq: number;
}

const orders: Order[] = Array.from({ length: 60 }, (_, i) => ({
  customer: `c${i % 3}`,
  seq: Math.floor(i / 3),
}));

describe("writePubsub on pstest", () => {
  it("publishes every element with its attributes, ordering key and timestamp; per-key order is kept", async () => {
    const { topicName, subscription } = await freshTopic(kit, { ordering: true });
    const p = Pipeline.create();
    p.apply(createTimestamped(orders.map((o, i) => ({ value: o, timestamp: 1_700_000_000_000 + i })))).apply(
      writePubsub<Order>({
        topic: topicName,
        ...kit.connection,
        attributes: (o) => ({ customer: o.customer }),
        orderingKey: (o) => o.customer,
        timestampAttribute: "ts",
      }),
    );
    // Small bundles: several finishBundle flushes, so order must hold across them.
    await p.run({ bundleSize: 7 });
    const got = await receiveWithPlainClient(subscription, orders.length);
    expect(got).toHaveLength(orders.length);
    for (const m of got) {
      const o = JSON.parse(m.data) as Order;
      expect(m.attributes["customer"]).toBe(o.customer);
      expect(m.orderingKey).toBe(o.customer);
      expect(Number(m.attributes["ts"])).toBe(
        1_700_000_000_000 + orders.findIndex((x) => x.customer === o.customer && x.seq === o.seq),
      );
    }
    for (const c of ["c0", "c1", "c2"]) {
      const seqs = got.filter((m) => m.orderingKey === c).map((m) => (JSON.parse(m.data) as Order).seq);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i));
    }
  });

  it("fails the pipeline loudly, naming the topic and the fix, when publishing keeps failing", async () => {
    const p = Pipeline.create();
    p.apply(createTimestamped([{ value: { customer: "x", seq: 0 }, timestamp: 0 }])).apply(
      writePubsub<Order>({
        topic: "does-not-exist",
        ...kit.connection,
        retry: { maxAttempts: 2, initialBackoff: 10 },
      }),
    );
    await expect(p.run()).rejects.toThrow(
      /could not publish 1 element\(s\) to projects\/tributary-test\/topics\/does-not-exist after 1 attempt\(s\): .*NOT_FOUND.*; check that the topic exists.*or pass deadLetters: true/,
    );
  });

  it("routes elements it cannot publish to deadLetters when asked, with the error and attempts", async () => {
    const p = Pipeline.create();
    const input = p.apply(
      createTimestamped(orders.slice(0, 3).map((o, i) => ({ value: o, timestamp: 1000 + i }))),
    );
    const { deadLetters } = input.apply(
      writePubsub<Order>({
        topic: "also-missing",
        ...kit.connection,
        deadLetters: true,
        retry: { maxAttempts: 3, initialBackoff: 5, isRetryable: () => true },
      }),
    );
    const result = await p.run();
    const failures = result.windowedValues(deadLetters);
    expect(failures.map((f) => f.value.element)).toEqual(orders.slice(0, 3));
    expect(failures.map((f) => f.timestamp)).toEqual([1000, 1001, 1002]);
    for (const f of failures.map((wv) => wv.value)) {
      expect(f).toMatchObject({ topic: `projects/${PROJECT}/topics/also-missing`, attempts: 3 });
      expect(f.error).toMatch(/NOT_FOUND/);
    }
  });

  it("retries with backoff and succeeds once the topic can take the messages", async () => {
    const name = `late-topic-${Date.now()}`;
    const delays: number[] = [];
    const logger = {
      debug() {},
      info() {},
      error() {},
      warn(obj: object) {
        delays.push((obj as { waitMs: number }).waitMs);
      },
    };
    const p = Pipeline.create();
    p.apply(createTimestamped(orders.slice(0, 5).map((o) => ({ value: o, timestamp: 0 })))).apply(
      writePubsub<Order>({
        topic: name,
        ...kit.connection,
        logger,
        retry: {
          maxAttempts: 10,
          initialBackoff: 100,
          multiplier: 2,
          maxBackoff: 400,
          isRetryable: (e) => (e as { code?: number }).code === 5,
        },
      }),
    );
    // The topic (and a subscription to see what arrives) appear while the sink is backing off.
    const appear = (async () => {
      await new Promise((r) => setTimeout(r, 250));
      const [topic] = await kit.client.createTopic(name);
      const [sub] = await topic.createSubscription(`${name}-sub`);
      return sub;
    })();
    await p.run();
    const sub = await appear;
    expect(delays.length).toBeGreaterThanOrEqual(2);
    expect(delays.slice(0, 3)).toEqual([100, 200, 400].slice(0, Math.min(3, delays.length)));
    // Published after the subscription existed: a plain client receives all five.
    const got = await receiveWithPlainClient(sub, 5);
    expect(
      got
        .map((m) => JSON.parse(m.data) as Order)
        .sort((a, b) => a.customer.localeCompare(b.customer) || a.seq - b.seq),
    ).toEqual(orders.slice(0, 5).sort((a, b) => a.customer.localeCompare(b.customer) || a.seq - b.seq));
  });

  it("rejects bad options at construction", () => {
    expect(() => writePubsub({ topic: "t" })).toThrow(/cannot tell the project of topic "t"/);
    expect(() => writePubsub({ topic: "projects/p/subscriptions/s" })).toThrow(
      /names subscriptions, but topics are expected/,
    );
    expect(() => writePubsub({ topic: "t", projectId: "p", batching: { maxMessages: 0 } })).toThrow(
      /batching.maxMessages must be a positive integer/,
    );
    expect(writePubsub({ topic: "t", projectId: "p" }).toString()).toBe('writePubsub("projects/p/topics/t")');
  });
});
