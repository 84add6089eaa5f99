import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  combiners,
  create,
  createTimestamped,
  fixedWindows,
  kv,
  Pipeline,
  type IntervalWindow,
  type KV,
} from "@tributary/core";
import {
  duckDbBackend,
  RowValidator,
  writeBigQuery,
  type FailedRow,
  type PendingRow,
  type TableDestination,
  type TableSchema,
} from "@tributary/io-bigquery";

const pageViews: TableSchema = {
  fields: [
    { name: "page", type: "STRING", mode: "REQUIRED" },
    { name: "views", type: "INT64", mode: "REQUIRED" },
    { name: "window_start", type: "TIMESTAMP", mode: "REQUIRED" },
  ],
};

interface Click {
  readonly user: string;
  readonly kind: string;
  readonly amount?: unknown;
}

const clickSchema: TableSchema = {
  fields: [
    { name: "user", type: "STRING", mode: "REQUIRED" },
    { name: "kind", type: "STRING", mode: "REQUIRED" },
    { name: "amount", type: "NUMERIC" },
  ],
};

describe("writeBigQuery on the DuckDB backend (no server)", () => {
  it("writes windowed aggregates that read back by query", { timeout: 15_000 }, async () => {
    const backend = duckDbBackend();
    const p = Pipeline.create();
    const clicks = p.apply(
      createTimestamped([
        { value: "/home", timestamp: 1_000 },
        { value: "/home", timestamp: 2_000 },
        { value: "/cart", timestamp: 3_000 },
        { value: "/home", timestamp: 61_000 },
      ]),
    );
    const counts = clicks
      .windowInto(fixedWindows(60_000))
      .map((page) => kv(page, 1))
      .combinePerKey(combiners.count());
    const { failedRows } = counts.apply(
      writeBigQuery<KV<string, number>>({
        table: "analytics.page_views",
        schema: pageViews,
        timePartitioning: { type: "DAY", field: "window_start" },
        clustering: ["page"],
        backend,
        formatRow: (e, { window }) => ({
          page: e.key,
          views: e.value,
          window_start: (window as IntervalWindow).start,
        }),
      }),
    );
    const result = await p.run();
    expect(result.values(failedRows)).toEqual([]);
    const rows = await backend.query(
      'SELECT page, views, epoch_ms(window_start) AS start FROM "analytics"."page_views" ORDER BY start, page',
    );
    expect(rows).toEqual([
      { page: "/cart", views: 1n, start: 0n },
      { page: "/home", views: 2n, start: 0n },
      { page: "/home", views: 1n, start: 60_000n },
    ]);
    const comment = await backend.query(
      "SELECT comment FROM duckdb_tables() WHERE table_name = 'page_views'",
    );
    expect(comment[0]?.["comment"]).toBe("timePartitioning=DAY(window_start); clustering=page");
    expect(result.counter("WriteToBigQuery", "rowsWritten")).toBe(3);
    await backend.close();
  });

  it("routes dynamic destinations to two tables", async () => {
    const backend = duckDbBackend();
    const p = Pipeline.create();
    const clicks: Click[] = [
      { user: "a", kind: "view" },
      { user: "b", kind: "purchase", amount: "19.99" },
      { user: "c", kind: "view" },
    ];
    const { failedRows } = p
      .apply(create(clicks))
      .apply(writeBigQuery<Click>({ table: (c) => `events.clicks_${c.kind}`, schema: clickSchema, backend }));
    const result = await p.run();
    expect(result.values(failedRows)).toEqual([]);
    expect(await backend.query('SELECT user FROM "events"."clicks_view" ORDER BY user')).toEqual([
      { user: "a" },
      { user: "c" },
    ]);
    expect(await backend.query('SELECT user, amount FROM "events"."clicks_purchase"')).toEqual([
      { user: "b", amount: 19.99 },
    ]);
    await backend.close();
  });

  it("sends bad rows to failedRows with reasons and writes every good row", async () => {
    const backend = duckDbBackend();
    const p = Pipeline.create();
    const input: unknown[] = [
      { user: "ok1", kind: "view" },
      { kind: "view" }, // missing REQUIRED user
      { user: "x", kind: "view", amount: "lots" }, // not a decimal
      JSON.parse('{"user": "p", "kind": "view", "__proto__": {"polluted": true}}'),
      { user: "x", kind: "view", extra: 1 }, // unknown field
      { user: "ok2", kind: "view", amount: 1.5 },
      null,
    ];
    const { failedRows } = p
      .apply(create(input))
      .apply(writeBigQuery<unknown>({ table: "events.clicks", schema: clickSchema, backend }));
    const result = await p.run();
    const failed: FailedRow<unknown>[] = result.values(failedRows);
    expect(failed.map((f) => f.reason)).toEqual([
      "invalid row: user: REQUIRED column is missing or null",
      'invalid row: amount: "lots" is not a decimal number',
      "invalid row: __proto__: no such column in the schema (unknown field); fix the row or set ignoreUnknownValues",
      "invalid row: extra: no such column in the schema (unknown field); fix the row or set ignoreUnknownValues",
      "invalid row: row: expected an object of columns, got null",
    ]);
    expect(failed.every((f) => f.table === "events.clicks" && f.attempts === 0)).toBe(true);
    expect(await backend.query('SELECT user, amount FROM "events"."clicks" ORDER BY user')).toEqual([
      { user: "ok1", amount: null },
      { user: "ok2", amount: 1.5 },
    ]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    await backend.close();
  });

  it("skips a batch replayed at committed offsets: the same rows twice land once", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "tributary-bq-")), "replay.duckdb");
    const validator = new RowValidator(clickSchema);
    const dest: TableDestination = {
      table: { datasetId: "events", tableId: "replay" },
      tableSpec: "events.replay",
      schema: clickSchema,
      validator,
      layout: {},
      createDisposition: "CREATE_IF_NEEDED",
      writeDisposition: "WRITE_APPEND",
    };
    const rows: PendingRow[] = ["a", "b", "c"].map((user, i) => {
      const v = validator.validate({ user, kind: "view" });
      if (!v.ok) throw new Error(v.reason);
      return { row: v.row, insertId: `id-${i}`, bytes: v.approximateBytes };
    });
    const first = duckDbBackend({ path });
    const writer = await first.openWriter("STORAGE_WRITE_API");
    await writer.prepareTable(dest);
    expect(await writer.writeRows(dest, rows)).toEqual({ failed: [], retry: [], alreadyPresent: 0 });
    const position = writer.positions().get("events.replay")!;
    expect(position.offset).toBe(3);
    await writer.close();
    await first.close();
    // A restart from a checkpoint taken before the ack: the same rows at the same offsets.
    const second = duckDbBackend({
      path,
      resumeFrom: new Map([["events.replay", { streamId: position.streamId, offset: 0 }]]),
    });
    const replay = await second.openWriter("STORAGE_WRITE_API");
    await replay.prepareTable(dest);
    expect(await replay.writeRows(dest, rows)).toEqual({ failed: [], retry: [], alreadyPresent: 3 });
    expect(await replay.writeRows(dest, rows.slice(0, 1))).toEqual({
      failed: [],
      retry: [],
      alreadyPresent: 0,
    });
    expect(await second.query('SELECT user FROM "events"."replay" ORDER BY user')).toEqual([
      { user: "a" },
      { user: "a" },
      { user: "b" },
      { user: "c" },
    ]);
    await replay.close();
    await second.close();
  });

  it("fails rows for a missing table under CREATE_NEVER instead of crashing", async () => {
    const backend = duckDbBackend();
    const p = Pipeline.create();
    const { failedRows } = p.apply(create<Click>([{ user: "a", kind: "view" }])).apply(
      writeBigQuery<Click>({
        table: "events.absent",
        schema: clickSchema,
        createDisposition: "CREATE_NEVER",
        backend,
      }),
    );
    const result = await p.run();
    const failed = result.values(failedRows);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.reason).toMatch(/does not exist and createDisposition is CREATE_NEVER; create it/);
    await backend.close();
  });

  it("measures rows/s written to DuckDB", async () => {
    const backend = duckDbBackend();
    const n = 100_000;
    const p = Pipeline.create();
    const rows = Array.from({ length: n }, (_, i) => ({
      user: `u${i % 1000}`,
      kind: i % 2 ? "view" : "cart",
      amount: i % 100,
    }));
    const { failedRows } = p
      .apply(create(rows))
      .apply(writeBigQuery({ table: "bench.clicks", schema: clickSchema, backend }));
    const t0 = performance.now();
    const result = await p.run({ bundleSize: 10_000 });
    const seconds = (performance.now() - t0) / 1000;
    expect(result.values(failedRows)).toEqual([]);
    expect(await backend.query('SELECT count(*) AS n FROM "bench"."clicks"')).toEqual([{ n: BigInt(n) }]);
    process.stdout.write(
      `duckdb: ${n} rows in ${seconds.toFixed(2)} s = ${Math.round(n / seconds)} rows/s\n`,
    );
    await backend.close();
  });
});
