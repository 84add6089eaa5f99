import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../src/nexmark/NexmarkConfig";
import { generateEvents } from "../src/nexmark/NexmarkGenerator";

describe("generateEvents", () => {
  const { events, timestamps } = generateEvents(50_000);

  it("mixes persons, auctions and bids 1:3:46", () => {
    const counts = { person: 0, auction: 0, bid: 0 };
    for (const e of events) counts[e.type]++;
    expect(counts).toEqual({ person: 1000, auction: 3000, bid: 46_000 });
  });

  it("is in event-time order at 10,000 events per second (the `ordered` the array source trusts)", () => {
    expect(generateEvents(10).ordered).toBe(true);
    for (let i = 1; i < timestamps.length; i++)
      expect(timestamps[i]).toBeGreaterThanOrEqual(timestamps[i - 1]!);
    expect(timestamps[timestamps.length - 1]! - timestamps[0]!).toBe(4999);
    expect(timestamps[0]).toBe(DEFAULT_CONFIG.baseTime);
  });

  it("is deterministic by seed and differs across seeds", () => {
    expect(generateEvents(1000).events).toEqual(generateEvents(1000).events);
    expect(generateEvents(1000, { ...DEFAULT_CONFIG, seed: 2 }).events).not.toEqual(
      generateEvents(1000).events,
    );
  });

  it("sends about half the bids to hot auctions", () => {
    const bids = events.filter((e) => e.type === "bid");
    const hot = bids.filter((b) => b.auction % 100 === 0).length / bids.length;
    expect(hot).toBeGreaterThan(0.45);
    expect(hot).toBeLessThan(0.6);
  });
});
