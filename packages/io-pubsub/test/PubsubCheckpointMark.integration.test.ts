import { decodeFromBytes, encodeToBytes, structuralCoder } from "@tributary/core";
import { describe, expect, it } from "vitest";
import { pubsubSource, type PubsubCheckpointMark, type PubsubMessage, type PubsubReader } from "../src";
import { eventually, freshTopic, publishAll, sleep, usePubsubEmulator } from "./pubsubTestKit";

const kit = usePubsubEmulator();
const text = (m: PubsubMessage): string => Buffer.from(m.data).toString("utf8");
const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, i) => `m${from + i}`);

async function readN(reader: PubsubReader, count: number): Promise<string[]> {
  const got: string[] = [];
  await eventually(`${count} messages`, async () => {
    got.push(...(await reader.read(1000)).values.map(text));
    return got.length >= count;
  });
  return got;
}

async function readFor(reader: PubsubReader, ms: number): Promise<string[]> {
  const got: string[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    got.push(...(await reader.read(1000)).values.map(text));
    await sleep(20);
  }
  return got;
}

/** The mark as a checkpoint stores it: encoded and decoded (it must be plain data). */
function throughCheckpoint(mark: PubsubCheckpointMark): PubsubCheckpointMark {
  return decodeFromBytes(structuralCoder, encodeToBytes(structuralCoder, mark)) as PubsubCheckpointMark;
}

describe("PubsubCheckpointMark: exactly-once across a restart (pstest)", () => {
  it("a reader opened with a mark drops redeliveries of what the mark covers, and hands out the rest once", async () => {
    const { topic, subscriptionName } = await freshTopic(kit);
    const source = pubsubSource({ subscription: subscriptionName, ...kit.connection });
    await publishAll(
      topic,
      range(0, 30).map((data) => ({ data })),
    );
    const crashed = await source.open();
    expect((await readN(crashed, 30)).sort()).toEqual(range(0, 30).sort());
    // The checkpoint is taken here: its state covers m0..m29. The crash comes before the acks.
    const mark = throughCheckpoint(crashed.checkpointMark());
    expect(mark.ackIds).toHaveLength(30);
    await publishAll(
      topic,
      range(30, 50).map((data) => ({ data })),
    );
    await readN(crashed, 20); // handed out after the checkpoint: their effects are lost with the crash
    await crashed.close(); // everything unacknowledged goes back to Pub/Sub

    // Without its ack ids (as when the leases expired before the restart), only dedup stands guard.
    const restarted = await source.open({ ...mark, ackIds: [] });
    const got = await readFor(restarted, 2500);
    expect(got.sort()).toEqual(range(30, 50).sort());
    expect(restarted.stats().duplicatesDropped).toBe(30);
    await restarted.finalizeCheckpoint(restarted.checkpointMark());
    await restarted.close();

    // Everything was acknowledged: the covered messages (by ack id or as dropped duplicates) and the rest.
    const after = await source.open();
    expect(await readFor(after, 1500)).toEqual([]);
    await after.close();
  });

  it("acknowledges the mark's unacknowledged messages when it opens, while their leases still hold", async () => {
    const { topic, subscriptionName } = await freshTopic(kit);
    const source = pubsubSource({ subscription: subscriptionName, ...kit.connection });
    await publishAll(
      topic,
      range(0, 10).map((data) => ({ data })),
    );
    const first = await source.open();
    await readN(first, 10);
    const mark = throughCheckpoint(first.checkpointMark());
    const second = await source.open(mark); // acknowledges by ack id, before `first` lets go
    await first.close(); // nacks what it holds: no effect on messages already acknowledged
    expect(await readFor(second, 1500)).toEqual([]);
    expect(second.stats().duplicatesDropped).toBe(0);
    await second.close();
  });

  it("without the mark, the same redeliveries would be handed out again (the test can fail)", async () => {
    const { topic, subscriptionName } = await freshTopic(kit);
    const source = pubsubSource({ subscription: subscriptionName, ...kit.connection });
    await publishAll(
      topic,
      range(0, 5).map((data) => ({ data })),
    );
    const crashed = await source.open();
    await readN(crashed, 5);
    await crashed.close();
    const restarted = await source.open();
    expect((await readN(restarted, 5)).sort()).toEqual(range(0, 5).sort());
    await restarted.close();
  });

  it("with idAttribute, dedups by the attribute across the restart", async () => {
    const { topic, subscriptionName } = await freshTopic(kit);
    const source = pubsubSource({
      subscription: subscriptionName,
      idAttribute: "eventId",
      ...kit.connection,
    });
    await publishAll(topic, [{ data: "a", attributes: { eventId: "e1" } }]);
    const first = await source.open();
    await readN(first, 1);
    const mark = throughCheckpoint(first.checkpointMark());
    await first.finalizeCheckpoint(first.checkpointMark());
    await first.close();
    // The publisher retried: the same event again, under a new message id.
    await publishAll(topic, [
      { data: "a-again", attributes: { eventId: "e1" } },
      { data: "b", attributes: { eventId: "e2" } },
    ]);
    const second = await source.open(mark);
    expect(await readFor(second, 1500)).toEqual(["b"]);
    expect(second.stats().duplicatesDropped).toBe(1);
    await second.close();
  });
});
