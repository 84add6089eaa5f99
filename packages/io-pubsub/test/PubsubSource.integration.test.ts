import { MAX_TIMESTAMP } from "@tributary/core";
import { describe, expect, it } from "vitest";
import { pubsubSource, type PubsubMessage, type PubsubReader } from "../src";
import { eventually, freshTopic, publishAll, sleep, usePubsubEmulator } from "./pubsubTestKit";

const kit = usePubsubEmulator();
const text = (m: PubsubMessage): string => Buffer.from(m.data).toString("utf8");

/** Reads until `count` elements arrived (or fails), returning them with their timestamps. */
async function readN(
  reader: PubsubReader,
  count: number,
  timeoutMs = 10_000,
): Promise<Array<{ m: PubsubMessage; t: number }>> {
  const got: Array<{ m: PubsubMessage; t: number }> = [];
  await eventually(
    `${count} messages`,
    async () => {
      const b = await reader.read(1000);
      b.values.forEach((m, i) => got.push({ m, t: b.timestamps[i]! }));
      return got.length >= count;
    },
    timeoutMs,
  );
  return got;
}

/** Reads for `ms`, returning whatever arrived. */
async function readFor(reader: PubsubReader, ms: number): Promise<PubsubMessage[]> {
  const got: PubsubMessage[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    got.push(...(await reader.read(1000)).values);
    await sleep(20);
  }
  return got;
}

describe("pubsubSource on pstest", () => {
  it("acknowledges nothing before finalize: a message read and closed without finalize is redelivered", async () => {
    const { topic, subscriptionName } = await freshTopic(kit);
    await publishAll(topic, [{ data: "only-once?" }]);
    const source = pubsubSource({ subscription: subscriptionName, ...kit.connection });

    const first = await source.open();
    const [a] = await readN(first, 1);
    expect(first.stats()).toMatchObject({ unacked: 1, acked: 0 });
    await first.close();

    const second = await source.open();
    const [b] = await readN(second, 1);
    expect(text(b!.m)).toBe("only-once?");
    expect(b!.m.messageId).toBe(a!.m.messageId);
    await second.close();
  });

  it("acknowledges on finalize: a finalized message is not redelivered to the next reader", async () => {
    const { topic, subscriptionName } = await freshTopic(kit);
    await publishAll(topic, [{ data: "one" }, { data: "two" }]);
    const source = pubsubSource({ subscription: subscriptionName, ...kit.connection });

    const first = await source.open();
    await readN(first, 2);
    await first.finalizeCheckpoint(first.checkpointMark());
    expect(first.stats()).toMatchObject({ unacked: 0, acked: 2 });
    await first.close();

    const second = await source.open();
    expect(await readFor(second, 1500)).toEqual([]);
    await second.close();
  });

  it("acknowledges only what was handed out before the mark: buffered messages come back", async () => {
    const { topic, subscriptionName } = await freshTopic(kit);
    await publishAll(
      topic,
      ["a", "b", "c", "d"].map((data) => ({ data })),
    );
    const source = pubsubSource({ subscription: subscriptionName, ...kit.connection });
    const first = await source.open();
    await eventually("4 buffered", () => first.stats().buffered === 4);
    const handed = (await first.read(2)).values.map(text);
    await first.finalizeCheckpoint(first.checkpointMark());
    await first.close();

    const second = await source.open();
    const again = (await readN(second, 2)).map((r) => text(r.m));
    expect([...handed, ...again].sort()).toEqual(["a", "b", "c", "d"]);
    expect(await readFor(second, 500)).toEqual([]);
    await second.close();
  });

  it("stamps elements with the timestamp attribute (epoch ms or RFC 3339) and flags a bad one", async () => {
    const { topic, subscriptionName } = await freshTopic(kit);
    await publishAll(topic, [
      { data: "ms", attributes: { ts: "1704067200123" } },
      { data: "rfc", attributes: { ts: "2024-01-01T00:00:01.5Z" } },
      { data: "bad", attributes: { ts: "noon" } },
      { data: "missing" },
    ]);
    const reader = await pubsubSource({
      subscription: subscriptionName,
      ...kit.connection,
      timestampAttribute: "ts",
    }).open();
    const got = new Map((await readN(reader, 4)).map((r) => [text(r.m), r]));
    expect(got.get("ms")!.t).toBe(1704067200123);
    expect(got.get("rfc")!.t).toBe(1704067201500);
    expect(got.get("ms")!.m.timestampError).toBeUndefined();
    expect(got.get("bad")!.m.timestampError).toMatch(
      /"ts" is "noon", which is neither epoch milliseconds nor an RFC 3339/,
    );
    expect(got.get("bad")!.t).toBe(got.get("bad")!.m.publishTime);
    expect(got.get("missing")!.m.timestampError).toBe('timestamp attribute "ts" is missing');
    expect(Math.abs(got.get("missing")!.m.publishTime - Date.now())).toBeLessThan(60_000);
    await reader.close();
  });

  it("drops Pub/Sub's redeliveries of a message it already handed out (dedup by message id)", async () => {
    const { topic, subscriptionName } = await freshTopic(kit, { ackDeadlineSeconds: 1 });
    await publishAll(topic, [{ data: "x" }, { data: "y" }]);
    // A 1 s ack deadline that the client stops extending at once: pstest redelivers every second.
    const reader = await pubsubSource({
      subscription: subscriptionName,
      ...kit.connection,
      ackDeadline: 1000,
      maxAckExtension: 1,
    }).open();
    const got = await readFor(reader, 3500);
    expect(got.map(text).sort()).toEqual(["x", "y"]);
    // One snapshot: redeliveries keep arriving. A copy is dropped when it is read, so those that
    // arrived after the last read are still buffered.
    const stats = reader.stats();
    expect(stats.received).toBeGreaterThan(2);
    expect(stats.duplicatesDropped).toBe(stats.received - stats.buffered - 2);
    await reader.close();
  });

  it("delivers messages that share an id attribute once, and acknowledges the copies", async () => {
    const { topic, subscriptionName } = await freshTopic(kit);
    await publishAll(topic, [
      { data: "order-1", attributes: { eventId: "e1" } },
      { data: "order-1 again", attributes: { eventId: "e1" } },
      { data: "order-2", attributes: { eventId: "e2" } },
      { data: "no id" },
    ]);
    const source = pubsubSource({
      subscription: subscriptionName,
      ...kit.connection,
      idAttribute: "eventId",
    });
    const reader = await source.open();
    await eventually("4 received", () => reader.stats().received === 4);
    const got = (await reader.read(100)).values;
    expect(got.map((m) => m.attributes["eventId"] ?? "-").sort()).toEqual(["-", "e1", "e2"]);
    expect(reader.stats()).toMatchObject({ duplicatesDropped: 1, unacked: 4 });
    await reader.finalizeCheckpoint(reader.checkpointMark());
    await reader.close();
    const next = await source.open();
    expect(await readFor(next, 1000)).toEqual([]);
    await next.close();
  });

  it("holds at most flowControl.maxMessages while the runner does not keep up", async () => {
    const { topic, subscriptionName } = await freshTopic(kit);
    await publishAll(
      topic,
      Array.from({ length: 500 }, (_, i) => ({ data: `m${i}` })),
    );
    const reader = await pubsubSource({
      subscription: subscriptionName,
      ...kit.connection,
      flowControl: { maxMessages: 50 },
    }).open();
    await eventually("the buffer to fill", () => reader.stats().buffered >= 50);
    await sleep(500);
    const held = (): number => reader.stats().buffered + reader.stats().unacked;
    expect(held()).toBe(50);
    // Handing out does not free room: only acknowledgement does.
    expect((await reader.read(20)).values).toHaveLength(20);
    await sleep(300);
    expect(held()).toBe(50);
    await reader.finalizeCheckpoint(reader.checkpointMark());
    await eventually("20 more to arrive", () => reader.stats().received >= 70);
    await sleep(300);
    expect(held()).toBeLessThanOrEqual(50);
    await reader.close();
  });

  it("reports a watermark that never decreases, holds at pending data and advances when idle", async () => {
    const { topic, subscriptionName } = await freshTopic(kit);
    const base = Date.now() - 60_000;
    const times = [base + 5000, base + 1000, base + 9000, base + 3000];
    await publishAll(
      topic,
      times.map((t) => ({ data: "e", attributes: { ts: String(t) } })),
    );
    const reader = await pubsubSource({
      subscription: subscriptionName,
      ...kit.connection,
      timestampAttribute: "ts",
      maxOutOfOrderness: 500,
      idleTimeout: 700,
    }).open();
    const seen: number[] = [reader.watermark()];
    await eventually("4 buffered", () => reader.stats().buffered === 4);
    seen.push(reader.watermark());
    expect(seen.at(-1)).toBe(base + 1000 - 500); // held by the oldest buffered event
    await reader.read(1000);
    seen.push(reader.watermark());
    expect(seen.at(-1)).toBe(base + 1000 - 500); // handed out but not acknowledged: still held
    await reader.finalizeCheckpoint(reader.checkpointMark());
    seen.push(reader.watermark());
    expect(seen.at(-1)).toBe(base + 9000 - 500); // arriving recently: the latest event time
    const idleAt = Date.now();
    await eventually("the idle advance", () => {
      seen.push(reader.watermark());
      return seen.at(-1)! > base + 9000;
    });
    expect(Date.now() - idleAt).toBeGreaterThanOrEqual(600);
    expect(seen.at(-1)!).toBeGreaterThanOrEqual(idleAt - 500);
    expect(seen.at(-1)!).toBeLessThanOrEqual(Date.now() - 500);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]!);
    await reader.close();
  });

  it("drains on its signal: stops taking messages, and reports the end of time once all is acknowledged", async () => {
    const { topic, subscriptionName } = await freshTopic(kit);
    await publishAll(topic, [{ data: "before" }]);
    const drain = new AbortController();
    const source = pubsubSource({ subscription: subscriptionName, ...kit.connection, drain: drain.signal });
    const reader = await source.open();
    await eventually("1 buffered", () => reader.stats().buffered === 1);
    drain.abort();
    await publishAll(topic, [{ data: "after" }]);
    await eventually("the late message to be held back", () => reader.stats().held === 1);
    expect(reader.watermark()).toBeLessThan(MAX_TIMESTAMP);
    expect((await reader.read(10)).values.map(text)).toEqual(["before"]);
    expect(reader.watermark()).toBeLessThan(MAX_TIMESTAMP);
    await reader.finalizeCheckpoint(reader.checkpointMark());
    expect(reader.watermark()).toBe(MAX_TIMESTAMP);
    await reader.close();
    const next = await pubsubSource({ subscription: subscriptionName, ...kit.connection }).open();
    expect((await readN(next, 1)).map((r) => text(r.m))).toEqual(["after"]);
    await next.close();
  });

  it("fails to open with an error that says how to fix a missing subscription", async () => {
    await expect(pubsubSource({ subscription: "no-such-sub", ...kit.connection }).open()).rejects.toThrow(
      "pubsubSource: subscription projects/tributary-test/subscriptions/no-such-sub does not exist; create it (gcloud pubsub subscriptions create no-such-sub --topic=TOPIC) or fix the name",
    );
  });

  it("rejects a subscription name without a project at construction", () => {
    expect(() => pubsubSource({ subscription: "s" })).toThrow(
      /cannot tell the project of subscription "s"; pass projectId/,
    );
    expect(pubsubSource({ subscription: "projects/p/subscriptions/s" }).toString()).toBe(
      'pubsubSource("projects/p/subscriptions/s")',
    );
  });
});
