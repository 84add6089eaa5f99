import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runExamples } from "../src/cli/runExamples";
import { ensureDataset } from "../src/cloud/CloudConfig";
import { generateClickStream } from "../src/datagen/generateClickStream";
import { funnelOracle, pageViewsOracle, sessionsOracle } from "../src/oracles/clickstreamOracle";
import { bigQueryOutputs } from "../src/outputs/bigQueryOutputs";
import { epochMs, startServers, type Servers } from "./emulators";

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
}, 180_000);
afterAll(async () => servers?.stop());

const STREAM = { seed: 11, maxEvents: 1500, lateFraction: 0, startTime: Date.UTC(2024, 2, 1, 12) };

describe("clickstream analytics: Pub/Sub → pipeline → BigQuery (local servers)", () => {
  it("writes page counts, sessions and the funnel that the batch oracle computes", async () => {
    await ensureDataset(servers.config, "clickstream_it");
    const backend = servers.backend();
    const run = await runExamples({
      pipelines: ["clickstream"],
      stream: STREAM,
      pubsub: { pubsub: servers.pubsub, topic: "clicks-cs", subscription: "clicks-cs-sub" },
      outputs: bigQueryOutputs({ backend, dataset: "clickstream_it" }),
    });
    expect(run.events).toBe(STREAM.maxEvents);
    const { events } = generateClickStream(STREAM);

    // Accumulating panes: the latest pane of each (window, page) holds the window's total.
    const pages = await servers.query(
      "SELECT window_start, page, MAX(views) AS views FROM clickstream_it.clickstream_page_counts GROUP BY window_start, page",
    );
    const got = new Map(
      pages.map((r) => [`${epochMs(r["window_start"])}|${String(r["page"])}`, Number(r["views"])]),
    );
    expect(got).toEqual(pageViewsOracle(events));

    const sessions = await servers.query(
      "SELECT user_id, first_event, last_event, events FROM clickstream_it.clickstream_sessions",
    );
    expect(
      sessions
        .map(
          (r) =>
            `${String(r["user_id"])}|${epochMs(r["first_event"])}|${epochMs(r["last_event"])}|${Number(r["events"])}`,
        )
        .sort(),
    ).toEqual(sessionsOracle(events).sort());

    const funnel = await servers.query(
      "SELECT window_start, sessions, viewed_product, added_to_cart, checked_out, purchased FROM clickstream_it.clickstream_funnel",
    );
    expect(
      new Map(
        funnel.map((r) => [
          epochMs(r["window_start"]),
          ["sessions", "viewed_product", "added_to_cart", "checked_out", "purchased"].map((c) =>
            Number(r[c]),
          ),
        ]),
      ),
    ).toEqual(funnelOracle(events));
  });
});
