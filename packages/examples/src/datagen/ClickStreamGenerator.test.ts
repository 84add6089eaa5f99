import { describe, expect, it } from "vitest";
import { MAX_TIMESTAMP, VirtualClock } from "@tributary/core";
import { ClickStreamGenerator } from "./ClickStreamGenerator";
import { ClickStreamSource } from "./ClickStreamSource";
import { generateClickStream } from "./generateClickStream";

describe("ClickStreamGenerator", () => {
  it("is deterministic: the same seed gives the same events, another seed other events", () => {
    const a = generateClickStream({ seed: 7, maxEvents: 2000 });
    const b = generateClickStream({ seed: 7, maxEvents: 2000 });
    const c = generateClickStream({ seed: 8, maxEvents: 2000 });
    expect(b.events).toEqual(a.events);
    expect(b.labels).toEqual(a.labels);
    expect(c.events.map((e) => e.type)).not.toEqual(a.events.map((e) => e.type));
  });

  it("stops at maxEvents or at durationMs of event time", () => {
    expect(generateClickStream({ maxEvents: 1234 }).events).toHaveLength(1234);
    const start = Date.UTC(2024, 0, 1);
    const { events } = generateClickStream({ startTime: start, durationMs: 60_000 });
    expect(events.length).toBeGreaterThan(100);
    expect(events.every((e) => e.timestamp >= start && e.timestamp < start + 60_000)).toBe(true);
  });

  it("keeps its watermark: monotone, only late events fall behind it, and ends at MAX_TIMESTAMP", () => {
    const gen = new ClickStreamGenerator({
      seed: 3,
      maxEvents: 20_000,
      maxDisorderMs: 4000,
      lateFraction: 0.01,
    });
    let watermark = gen.watermark();
    let behind = 0;
    let outOfOrder = 0;
    let maxSeen = -Infinity;
    let n = 0;
    for (let e = gen.next(); e; e = gen.next()) {
      n++;
      if (e.timestamp < watermark) behind++;
      if (e.timestamp < maxSeen) outOfOrder++;
      maxSeen = Math.max(maxSeen, e.timestamp);
      const next = gen.watermark();
      expect(next).toBeGreaterThanOrEqual(watermark);
      if (next !== MAX_TIMESTAMP) expect(next).toBe(maxSeen - 4000);
      watermark = next;
    }
    expect(gen.watermark()).toBe(MAX_TIMESTAMP);
    expect(outOfOrder).toBeGreaterThan(n / 10); // disorder is real...
    expect(behind).toBeGreaterThan(0); // ...late data exists...
    expect(behind).toBeLessThanOrEqual(0.01 * n * 2); // ...and only the late fraction is late
  });

  it("with lateFraction 0, no event is behind the watermark", () => {
    const gen = new ClickStreamGenerator({ seed: 5, maxEvents: 10_000, lateFraction: 0 });
    let watermark = gen.watermark();
    for (let e = gen.next(); e; e = gen.next()) {
      expect(e.timestamp).toBeGreaterThanOrEqual(watermark);
      watermark = gen.watermark();
    }
  });

  it("injects labelled fraud episodes whose events are in the stream under the label's key", () => {
    const { events, labels } = generateClickStream({
      seed: 11,
      maxEvents: 30_000,
      fraudPerThousandSessions: 30,
    });
    const byId = new Map(events.map((e) => [e.eventId, e]));
    expect(new Set(labels.map((l) => l.pattern)).size).toBe(5);
    for (const l of labels) {
      expect(l.eventIds.length).toBeGreaterThan(0);
      for (const id of l.eventIds) {
        const e = byId.get(id)!;
        expect(l.pattern === "click_bot" ? e.userId : e.cardId).toBe(l.key);
      }
    }
    const labelled = new Set(labels.map((l) => l.key));
    expect(events.filter((e) => e.cardId !== null && !labelled.has(e.cardId)).length).toBeGreaterThan(0);
  });

  it("makes product popularity skewed (Zipf) and funnels narrow", () => {
    const { events } = generateClickStream({ seed: 1, maxEvents: 20_000 });
    const views = new Map<string, number>();
    for (const e of events)
      if (e.type === "product_view") views.set(e.productId!, (views.get(e.productId!) ?? 0) + 1);
    expect(views.get("p0")!).toBeGreaterThan(5 * (views.get("p50") ?? 0));
    const count = (t: string) => events.filter((e) => e.type === t).length;
    expect(count("product_view")).toBeGreaterThan(count("add_to_cart"));
    expect(count("add_to_cart")).toBeGreaterThan(count("purchase"));
    expect(count("purchase")).toBeGreaterThan(0);
  });
});

describe("ClickStreamSource", () => {
  it("paces reads by its clock and resumes from a checkpoint", async () => {
    const clock = new VirtualClock(0);
    const source = new ClickStreamSource({ seed: 2, maxEvents: 500, ratePerSecond: 100, clock });
    const reader = await source.open();
    expect((await reader.read(1000)).values).toHaveLength(0);
    clock.advance(1000);
    const first = await reader.read(1000);
    expect(first.values).toHaveLength(100);
    expect(first.timestamps).toEqual(first.values.map((e) => e.timestamp));
    const mark = reader.checkpointMark();
    clock.advance(1000);
    const second = await reader.read(1000);
    const resumed = await new ClickStreamSource({ seed: 2, maxEvents: 500 }).open(mark);
    expect((await resumed.read(100)).values).toEqual(second.values);
  });

  it("ends: the watermark reaches MAX_TIMESTAMP after the last event", async () => {
    const reader = await new ClickStreamSource({ seed: 2, maxEvents: 300 }).open();
    let n = 0;
    for (let batch = await reader.read(64); batch.values.length > 0; batch = await reader.read(64))
      n += batch.values.length;
    expect(n).toBe(300);
    expect(reader.watermark()).toBe(MAX_TIMESTAMP);
  });
});
