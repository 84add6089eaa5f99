/**
 * The example at the top of the repository README, run as written (with an in-memory DuckDB
 * instead of a file), and its table read back.
 */
import { describe, expect, it } from "vitest";
import {
  afterCount,
  afterWatermark,
  combiners,
  createTimestamped,
  fixedWindows,
  kv,
  minutes,
  Pipeline,
  type IntervalWindow,
} from "@tributary/core";
import { duckDbBackend, writeBigQuery } from "@tributary/io-bigquery";

describe("the README example", () => {
  it("counts page views per minute and writes them to a table", async () => {
    const backend = duckDbBackend();
    // --- README example ---
    const clicks = [
      { page: "/home", at: 5_000 },
      { page: "/cart", at: 65_000 },
      { page: "/home", at: 70_000 },
      { page: "/home", at: 80_000 },
    ];
    const p = Pipeline.create();
    const perPage = p
      .apply(createTimestamped(clicks.map((c) => ({ value: c, timestamp: c.at })))) // or readPubsub({ subscription, ... })
      .map((c) => kv(c.page, 1))
      .windowInto(fixedWindows(minutes(1)), {
        trigger: afterWatermark().withEarlyFirings(afterCount(100)),
        accumulation: "ACCUMULATING",
      })
      .combinePerKey(combiners.count());
    perPage.apply(
      writeBigQuery({
        table: "analytics.page_views",
        backend, // duckDbBackend({ path: "analytics.duckdb" }) or bigQueryBackend({ projectId })
        schema: {
          fields: [
            { name: "page", type: "STRING" },
            { name: "views", type: "INT64" },
            { name: "minute", type: "TIMESTAMP" },
          ],
        },
        formatRow: (e, { window }) => ({
          page: e.key,
          views: e.value,
          minute: (window as IntervalWindow).start,
        }),
      }),
    );
    await p.run();
    // --- end of the README example ---
    const rows = await backend.query(
      'SELECT page, views, epoch_ms(minute) AS minute FROM "analytics"."page_views" ORDER BY minute, page',
    );
    expect(rows).toEqual([
      { page: "/home", views: 1n, minute: 0n },
      { page: "/cart", views: 1n, minute: 60_000n },
      { page: "/home", views: 2n, minute: 60_000n },
    ]);
  });
});
