import { describe, expect, it } from "vitest";
import { NO_FIRING, paneInfo } from "../../../values/PaneInfo";
import { IntervalWindow } from "../../../windowing/IntervalWindow";
import { PushedBack } from "./PushedBack";

describe("PushedBack", () => {
  const early = paneInfo(true, false, "EARLY", 0, -1);

  it("gives back every held element of a window in arrival order, across many chunks", () => {
    const w1 = new IntervalWindow(0, 10);
    const w2 = new IntervalWindow(10, 20);
    const waiting = new PushedBack();
    const n = 5000; // more than two chunks
    for (let i = 0; i < n; i++) {
      waiting.add(`a${i}`, 1000 - i, w1, i === 7 ? early : NO_FIRING);
      if (i % 2 === 0) waiting.add(`b${i}`, 2000 + i, new IntervalWindow(10, 20), NO_FIRING);
    }
    expect(waiting.size).toBe(2);
    expect(waiting.minTimestamp()).toBe(1000 - (n - 1));

    const [group, ...rest] = waiting.takeReady((w) => w.id === w1.id);
    expect(rest).toEqual([]);
    expect(group!.window).toBe(w1);
    expect(group!.windows).toEqual([w1]);
    expect(group!.size).toBe(n);
    for (let i = 0; i < n; i++) {
      expect(group!.value(i)).toBe(`a${i}`);
      expect(group!.timestamp(i)).toBe(1000 - i);
      expect(group!.pane(i)).toBe(i === 7 ? early : NO_FIRING);
    }
    expect(waiting.size).toBe(1);
    expect(waiting.minTimestamp()).toBe(2000);

    const left = [...waiting.elements()];
    expect(left.length).toBe(n / 2);
    expect(left.map((e) => e.value)).toEqual(Array.from({ length: n / 2 }, (_, i) => `b${2 * i}`));
    expect(left.every((e) => e.window.id === w2.id && e.pane === NO_FIRING)).toBe(true);
  });

  it("keeps a timestamp's full precision (epoch milliseconds beyond 2^31)", () => {
    const w = new IntervalWindow(1_700_000_000_000, 1_700_000_010_000);
    const waiting = new PushedBack();
    waiting.add("x", 1_700_000_000_123, w, NO_FIRING);
    expect([...waiting.elements()][0]!.timestamp).toBe(1_700_000_000_123);
  });

  it("is empty after clear and starts a fresh group for a window taken before", () => {
    const w = new IntervalWindow(0, 10);
    const waiting = new PushedBack();
    waiting.add(1, 5, w, NO_FIRING);
    waiting.clear();
    expect(waiting.size).toBe(0);
    expect(waiting.minTimestamp()).toBe(Infinity);
    waiting.add(2, 6, w, NO_FIRING);
    const [group] = waiting.takeReady(() => true);
    expect(group!.size).toBe(1);
    expect(group!.value(0)).toBe(2);
    waiting.add(3, 7, w, NO_FIRING);
    expect([...waiting.elements()].map((e) => e.value)).toEqual([3]);
  });
});
