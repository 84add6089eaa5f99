import { describe, it } from "vitest";
import { IntervalWindow, Pipeline, VirtualClock, createTimestamped, minutes, seconds } from "@tributary/core";
import { TestStream, assertThat } from "@tributary/core/testing";
import type { ClickEvent } from "../datagen/ClickEvent";
import { generateClickStream } from "../datagen/generateClickStream";
import { ClickstreamAnalytics } from "./ClickstreamAnalytics";

/** Naive reference: group by a key function and count. */
function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return m;
}
const floorTo = (t: number, size: number) => t - (((t % size) + size) % size);

describe("ClickstreamAnalytics on a generated stream (batch oracle)", () => {
  const { events } = generateClickStream({ seed: 21, maxEvents: 4000, lateFraction: 0 });
  const views = events.filter((e) => e.type === "page_view" || e.type === "product_view");

  function run() {
    const p = Pipeline.create();
    const input = p.apply(createTimestamped(events.map((e) => ({ value: e, timestamp: e.timestamp }))));
    return { p, results: input.apply("Clickstream", new ClickstreamAnalytics()) };
  }

  it("counts views per page per minute and events per referrer", async () => {
    const { p, results } = run();
    const pageOracle = [...countBy(views, (e) => `${floorTo(e.timestamp, 60_000)}|${e.page}`)].map(
      ([k, n]) => {
        const [start, page] = k.split("|") as [string, string];
        return { windowStart: Number(start), page, views: n };
      },
    );
    const refOracle = [...countBy(events, (e) => `${floorTo(e.timestamp, 60_000)}|${e.referrer}`)].map(
      ([k, n]) => {
        const [start, referrer] = k.split("|") as [string, string];
        return { windowStart: Number(start), referrer, events: n };
      },
    );
    assertThat(
      results.pageCounts.map((r) => ({ windowStart: r.windowStart, page: r.page, views: r.views })),
    ).containsInAnyOrder(...pageOracle);
    assertThat(
      results.referrerCounts.map((r) => ({
        windowStart: r.windowStart,
        referrer: r.referrer,
        events: r.events,
      })),
    ).containsInAnyOrder(...refOracle);
    await p.run({ clock: new VirtualClock() }); // processing time stands still: no EARLY panes
  });

  it("finds sessions by a 30-minute gap, per user", async () => {
    const { p, results } = run();
    const byUser = new Map<string, ClickEvent[]>();
    for (const e of events) byUser.set(e.userId, [...(byUser.get(e.userId) ?? []), e]);
    const oracle: Array<{
      userId: string;
      firstEvent: number;
      lastEvent: number;
      events: number;
      purchases: number;
    }> = [];
    for (const [userId, evs] of byUser) {
      evs.sort((a, b) => a.timestamp - b.timestamp);
      let current: ClickEvent[] = [];
      const close = () => {
        oracle.push({
          userId,
          firstEvent: current[0]!.timestamp,
          lastEvent: current[current.length - 1]!.timestamp,
          events: current.length,
          purchases: current.filter((e) => e.type === "purchase").length,
        });
      };
      for (const e of evs) {
        if (current.length > 0 && e.timestamp - current[current.length - 1]!.timestamp >= minutes(30)) {
          close();
          current = [];
        }
        current.push(e);
      }
      close();
    }
    assertThat(
      results.sessions.map((s) => ({
        userId: s.userId,
        firstEvent: s.firstEvent,
        lastEvent: s.lastEvent,
        events: s.events,
        purchases: s.purchases,
      })),
    ).containsInAnyOrder(...oracle);
    const sessionsPerHour = countBy(oracle, (s) => String(floorTo(s.lastEvent + minutes(30) - 1, 3_600_000)));
    assertThat(
      results.sessionSummary.map((s) => ({ windowStart: s.windowStart, sessions: s.sessions })),
    ).containsInAnyOrder(
      ...[...sessionsPerHour].map(([start, n]) => ({ windowStart: Number(start), sessions: n })),
    );
    await p.run();
  });

  it("computes the funnel of distinct sessions per 5 minutes and the top pages per 10 minutes", async () => {
    const { p, results } = run();
    const funnelOracle = new Map<number, Array<Set<string>>>();
    const steps = [null, "product_view", "add_to_cart", "checkout", "purchase"];
    for (const e of events) {
      const w = floorTo(e.timestamp, minutes(5));
      if (!funnelOracle.has(w))
        funnelOracle.set(
          w,
          steps.map(() => new Set<string>()),
        );
      steps.forEach((s, i) => {
        if (s === null || s === e.type) funnelOracle.get(w)![i]!.add(e.sessionId);
      });
    }
    assertThat(
      results.funnel.map((f) => [
        f.windowStart,
        f.sessions,
        f.viewedProduct,
        f.addedToCart,
        f.checkedOut,
        f.purchased,
      ]),
    ).containsInAnyOrder(...[...funnelOracle].map(([w, sets]) => [w, ...sets.map((s) => s.size)]));

    const perWindow = new Map<number, Map<string, number>>();
    for (const e of views) {
      const w = floorTo(e.timestamp, minutes(10));
      const m = perWindow.get(w) ?? new Map<string, number>();
      m.set(e.page, (m.get(e.page) ?? 0) + 1);
      perWindow.set(w, m);
    }
    const topOracle = [...perWindow].map(([w, m]) => ({
      windowStart: w,
      pages: [...m]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 5)
        .map(([page, v]) => ({ page, views: v })),
    }));
    assertThat(
      results.topPages.map((t) => ({ windowStart: t.windowStart, pages: t.pages })),
    ).containsInAnyOrder(...topOracle);
    await p.run();
  });
});

describe("ClickstreamAnalytics page counts: early, on-time and late panes", () => {
  const view = (page: string, timestamp: number) => ({
    value: {
      type: "page_view",
      page,
      referrer: "google",
      userId: "u1",
      sessionId: "s1",
      timestamp,
    } as ClickEvent,
    timestamp,
  });

  it("fires speculative EARLY panes, the ON_TIME pane, then LATE panes, accumulating", async () => {
    const p = Pipeline.create();
    const stream = TestStream.create<ClickEvent>()
      .addElements(view("/a", seconds(1)), view("/a", seconds(2)))
      .advanceProcessingTime(seconds(10)) // early firing after 10 s of processing time: 2 views
      .addElements(view("/a", seconds(30)))
      .advanceWatermarkTo(minutes(1)) // on time: 3 views
      .addElements(view("/a", seconds(40))) // late, within the 5-minute allowed lateness: 4 views
      .advanceWatermarkTo(minutes(10)) // past the window's expiry: the next one is dropped
      .addElements(view("/a", seconds(50)))
      .advanceWatermarkToInfinity();
    const { pageCounts } = p.apply(stream).apply(new ClickstreamAnalytics());
    const window = new IntervalWindow(0, minutes(1));
    const views = pageCounts.map((r) => `${r.timing}:${r.views}`);
    assertThat(views).inEarlyPane(window).containsInAnyOrder("EARLY:2");
    assertThat(views).inOnTimePane(window).containsInAnyOrder("ON_TIME:3");
    assertThat(views).inLatePane(window).containsInAnyOrder("LATE:4");
    await p.run();
  });
});
