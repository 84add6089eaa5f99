import { hours, minutes } from "@tributary/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runExamples } from "../src/cli/runExamples";
import { ensureDataset } from "../src/cloud/CloudConfig";
import type { ClickEvent } from "../src/datagen/ClickEvent";
import { generateClickStream } from "../src/datagen/generateClickStream";
import { relatedProductsOracle } from "../src/oracles/relatedProductsOracle";
import { bigQueryOutputs } from "../src/outputs/bigQueryOutputs";
import { epochMs, startServers, type Servers } from "./emulators";

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
}, 180_000);
afterAll(async () => servers?.stop());

// No injected bots: a bot views hundreds of products, and the pipeline pairs at most 20 per user and window.
const STREAM = {
  seed: 12,
  maxEvents: 1500,
  lateFraction: 0,
  fraudPerThousandSessions: 0,
  startTime: Date.UTC(2024, 2, 1, 12),
};

describe("recommendations: Pub/Sub → pipeline → BigQuery (local servers)", () => {
  it("writes the co-viewed top products per product and window that the batch oracle computes", async () => {
    await ensureDataset(servers.config, "recs_it");
    const run = await runExamples({
      pipelines: ["recommendations"],
      stream: STREAM,
      pubsub: { pubsub: servers.pubsub, topic: "clicks-recs", subscription: "clicks-recs-sub" },
      outputs: bigQueryOutputs({ backend: servers.backend(), dataset: "recs_it" }),
    });
    expect(run.events).toBe(STREAM.maxEvents);
    const { events } = generateClickStream(STREAM);
    const viewed = (e: ClickEvent) => (e.type === "product_view" ? [e.productId!] : []);
    const oracle = relatedProductsOracle(events, viewed, hours(1), minutes(10), 5);
    expect(oracle.length).toBeGreaterThan(20);
    const rows = await servers.query(
      "SELECT window_start, product_id, related_ids, related_scores FROM recs_it.recommendations_co_viewed",
    );
    const fmt = (start: number, id: string, ids: readonly string[], scores: readonly number[]) =>
      `${start}|${id}|${ids.map((x, i) => `${x}:${scores[i]}`).join(",")}`;
    expect(
      rows
        .map((r) =>
          fmt(
            epochMs(r["window_start"]),
            String(r["product_id"]),
            r["related_ids"] as string[],
            (r["related_scores"] as unknown[]).map(Number),
          ),
        )
        .sort(),
    ).toEqual(
      oracle
        .map((o) =>
          fmt(
            o.windowStart,
            o.productId,
            o.related.map((r) => r.productId),
            o.related.map((r) => r.score),
          ),
        )
        .sort(),
    );
  });
});
