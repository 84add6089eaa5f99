import { describe, it } from "vitest";
import { Pipeline, createTimestamped, hours, minutes } from "@tributary/core";
import { assertThat } from "@tributary/core/testing";
import type { ClickEvent } from "../datagen/ClickEvent";
import { generateClickStream } from "../datagen/generateClickStream";
import { ProductRecommendations } from "./ProductRecommendations";

/** Naive reference: for every sliding window, per user the set of products, pairs counted over users, top-N per product. */
function oracle(
  events: readonly ClickEvent[],
  productsOf: (e: ClickEvent) => readonly string[],
  size: number,
  period: number,
  n: number,
) {
  const perWindowUser = new Map<number, Map<string, Set<string>>>();
  for (const e of events) {
    const products = productsOf(e);
    if (products.length === 0) continue;
    for (let start = e.timestamp - (e.timestamp % period); start > e.timestamp - size; start -= period) {
      const users = perWindowUser.get(start) ?? new Map<string, Set<string>>();
      perWindowUser.set(start, users);
      const set = users.get(e.userId) ?? new Set<string>();
      users.set(e.userId, set);
      for (const p of products) set.add(p);
    }
  }
  const rows: Array<{
    windowStart: number;
    productId: string;
    related: Array<{ productId: string; score: number }>;
  }> = [];
  for (const [start, users] of perWindowUser) {
    const pairs = new Map<string, Map<string, number>>();
    for (const set of users.values()) {
      for (const a of set) {
        for (const b of set) {
          if (a === b) continue;
          const m = pairs.get(a) ?? new Map<string, number>();
          pairs.set(a, m);
          m.set(b, (m.get(b) ?? 0) + 1);
        }
      }
    }
    for (const [a, m] of pairs) {
      const related = [...m]
        .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
        .slice(0, n)
        .map(([productId, score]) => ({ productId, score }));
      rows.push({ windowStart: start, productId: a, related });
    }
  }
  return rows;
}

describe("ProductRecommendations (batch oracle)", () => {
  it("ranks co-viewed and bought-together products per sliding window", async () => {
    const { events } = generateClickStream({ seed: 5, maxEvents: 6000, products: 60 });
    const p = Pipeline.create();
    const input = p.apply(createTimestamped(events.map((e) => ({ value: e, timestamp: e.timestamp }))));
    const options = { windowSize: hours(1), windowPeriod: minutes(20), topN: 3, maxProductsPerUser: 10_000 };
    const { coViewed, boughtTogether } = input.apply(new ProductRecommendations(options));
    const project = (r: {
      windowStart: number;
      productId: string;
      related: readonly { productId: string; score: number }[];
    }) => ({
      windowStart: r.windowStart,
      productId: r.productId,
      related: r.related,
    });
    const viewed = (e: ClickEvent) => (e.type === "product_view" ? [e.productId!] : []);
    const bought = (e: ClickEvent) => (e.type === "purchase" ? [...e.items!] : []);
    const coViewedOracle = oracle(events, viewed, hours(1), minutes(20), 3);
    const boughtOracle = oracle(events, bought, hours(1), minutes(20), 3);
    assertThat(coViewed.map(project)).containsInAnyOrder(...coViewedOracle);
    assertThat(boughtTogether.map(project)).containsInAnyOrder(...boughtOracle);
    await p.run();
    if (coViewedOracle.length < 50 || boughtOracle.length < 5)
      throw new Error("the test stream is too small to mean much");
  });
});
