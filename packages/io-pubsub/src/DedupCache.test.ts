import { VirtualClock } from "@tributary/core";
import { describe, expect, it } from "vitest";
import { DedupCache } from "./DedupCache";

describe("DedupCache", () => {
  it("recognizes an id within the TTL and forgets it after", () => {
    const clock = new VirtualClock(0);
    const cache = new DedupCache(1000, clock);
    expect(cache.add("a")).toBe(true);
    expect(cache.add("a")).toBe(false);
    clock.advanceTo(999);
    expect(cache.add("a")).toBe(false);
    expect(cache.add("b")).toBe(true);
    clock.advanceTo(1000);
    expect(cache.add("a")).toBe(true);
    expect(cache.size).toBe(2);
    clock.advanceTo(5000);
    expect(cache.add("c")).toBe(true);
    expect(cache.size).toBe(1);
  });
});
