import { describe, it } from "vitest";
import { Pipeline, createTimestamped, hours, minutes } from "@tributary/core";
import { assertThat } from "@tributary/core/testing";
import type { ClickEvent } from "../datagen/ClickEvent";
import { generateClickStream } from "../datagen/generateClickStream";
import { relatedProductsOracle as oracle } from "../oracles/relatedProductsOracle";
import { ProductRecommendations } from "./ProductRecommendations";

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
