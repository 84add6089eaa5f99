import { BigQuery } from "@google-cloud/bigquery";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { create, Pipeline } from "@tributary/core";
import {
  bigQueryBackend,
  RowValidator,
  StorageWriteStream,
  writeBigQuery,
  type BigQueryBackend,
  type FailedRow,
  type StorageWriteTableWriter,
  type TableSchema,
  type WriteMethod,
} from "@tributary/io-bigquery";
import { managedwriter } from "@google-cloud/bigquery-storage";
import { credentials } from "@grpc/grpc-js";
import type { BigQueryEmulator } from "../../../tools/emulators/emulators";
import { startEmulatorOrFail } from "./setup/bigqueryEmulator";

let emulator: BigQueryEmulator;
let bigquery: BigQuery;
const DATASET = "it";

function backend(): BigQueryBackend {
  return bigQueryBackend({
    projectId: emulator.projectId,
    apiEndpoint: emulator.restEndpoint,
    storageHost: emulator.storageHost,
  });
}

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const [rows] = await bigquery.query({ query: sql });
  return rows as Record<string, unknown>[];
}

interface Event {
  readonly id: number;
  readonly user: string;
  readonly kind: string;
  readonly ts: number;
  readonly big?: bigint | string;
}

const eventSchema: TableSchema = {
  fields: [
    { name: "id", type: "INT64", mode: "REQUIRED" },
    { name: "user", type: "STRING", mode: "REQUIRED" },
    { name: "kind", type: "STRING" },
    { name: "ts", type: "TIMESTAMP" },
    { name: "big", type: "INT64" },
  ],
};

const events: Event[] = [
  { id: 1, user: "ann", kind: "view", ts: Date.UTC(2024, 4, 1, 12), big: 9007199254740993n },
  { id: 2, user: "bob", kind: "purchase", ts: Date.UTC(2024, 4, 1, 13) },
  { id: 3, user: "cy", kind: "view", ts: Date.UTC(2024, 4, 2, 9), big: "-9223372036854775808" },
];

async function runWrite(
  method: WriteMethod,
  table: string | ((e: Event) => string),
  input: unknown[] = events,
): Promise<FailedRow<unknown>[]> {
  const p = Pipeline.create();
  const { failedRows } = p.apply(create(input)).apply(
    writeBigQuery<unknown>({
      table: table as string | ((e: unknown) => string),
      schema: eventSchema,
      method,
      backend: backend(),
      retry: { maxAttempts: 2, initialBackoffMs: 10 },
    }),
  );
  const result = await p.run();
  return result.values(failedRows);
}

beforeAll(async () => {
  emulator = await startEmulatorOrFail();
  bigquery = new BigQuery({ projectId: emulator.projectId, apiEndpoint: emulator.restEndpoint });
  await bigquery.createDataset(DATASET);
}, 120_000);

afterAll(async () => {
  await emulator?.stop();
});

describe("writeBigQuery against bqemulator", () => {
  for (const method of ["STORAGE_WRITE_API", "STORAGE_WRITE_API_AT_LEAST_ONCE", "INSERT_ALL"] as const) {
    it(`${method}: rows land with the right types and read back by query`, async () => {
      const table = `events_${method.toLowerCase()}`;
      expect(await runWrite(method, `${DATASET}.${table}`)).toEqual([]);
      const rows = await query(
        `SELECT id, user, kind, UNIX_MILLIS(ts) AS ms, CAST(big AS STRING) AS big FROM ${DATASET}.${table} ORDER BY id`,
      );
      expect(rows.map((r) => [Number(r["id"]), r["user"], r["kind"], Number(r["ms"]), r["big"]])).toEqual([
        [1, "ann", "view", Date.UTC(2024, 4, 1, 12), "9007199254740993"],
        [2, "bob", "purchase", Date.UTC(2024, 4, 1, 13), null],
        [3, "cy", "view", Date.UTC(2024, 4, 2, 9), "-9223372036854775808"],
      ]);
    });
  }

  it("creates a partitioned, clustered table from the declared schema", async () => {
    const p = Pipeline.create();
    p.apply(create(events)).apply(
      writeBigQuery<Event>({
        table: `${DATASET}.partitioned`,
        schema: eventSchema,
        timePartitioning: { type: "DAY", field: "ts" },
        clustering: ["user", "kind"],
        backend: backend(),
      }),
    );
    await p.run();
    const [metadata] = (await bigquery.dataset(DATASET).table("partitioned").getMetadata()) as unknown as [
      {
        schema: { fields: { name: string; type: string; mode?: string }[] };
        timePartitioning?: { type: string; field?: string };
        clustering?: { fields: string[] };
      },
    ];
    expect(metadata.schema.fields.map((f) => [f.name, f.type, f.mode ?? "NULLABLE"])).toEqual(
      [
        ["id", "INTEGER", "REQUIRED"],
        ["user", "STRING", "REQUIRED"],
        ["kind", "STRING", "NULLABLE"],
        ["ts", "TIMESTAMP", "NULLABLE"],
        ["big", "INTEGER", "NULLABLE"],
      ].map(([n, t, m]) => [
        n,
        metadata.schema.fields.find((f) => f.name === n)?.type === "INT64" && t === "INTEGER" ? "INT64" : t,
        m,
      ]),
    );
    expect(metadata.timePartitioning).toMatchObject({ type: "DAY", field: "ts" });
    expect(metadata.clustering?.fields).toEqual(["user", "kind"]);
    expect(await query(`SELECT count(*) AS n FROM ${DATASET}.partitioned`)).toEqual([{ n: 3 }]);
  });

  it("routes dynamic destinations to the right tables", async () => {
    expect(await runWrite("STORAGE_WRITE_API", (e) => `${DATASET}.by_kind_${e.kind}`)).toEqual([]);
    const views = await query(`SELECT id FROM ${DATASET}.by_kind_view ORDER BY id`);
    const purchases = await query(`SELECT id FROM ${DATASET}.by_kind_purchase ORDER BY id`);
    expect(views.map((r) => Number(r["id"]))).toEqual([1, 3]);
    expect(purchases.map((r) => Number(r["id"]))).toEqual([2]);
  });

  it("sends invalid rows to failedRows with reasons and writes every valid row", async () => {
    const input: unknown[] = [
      ...events,
      { id: 4, kind: "view" },
      { id: "four", user: "d" },
      { id: 5, user: "e", ts: "yesterday" },
      JSON.parse('{"id": 6, "user": "f", "__proto__": {"x": 1}}'),
      { id: 2 ** 60, user: "g" },
    ];
    const failed = await runWrite("STORAGE_WRITE_API", `${DATASET}.mixed`, input);
    expect(failed.map((f) => [f.table, f.reason.replace(/:.*$/, "")])).toEqual(
      Array.from({ length: 5 }, () => [`${DATASET}.mixed`, "invalid row"]),
    );
    expect(failed.map((f) => f.reason)).toEqual([
      "invalid row: user: REQUIRED column is missing or null",
      expect.stringMatching(/^invalid row: id: expected INT64/),
      expect.stringMatching(/^invalid row: ts: "yesterday" is not an RFC 3339 timestamp/),
      expect.stringMatching(/^invalid row: __proto__: no such column/),
      expect.stringMatching(/^invalid row: id: .*beyond 2\^53/),
    ]);
    const rows = await query(`SELECT id FROM ${DATASET}.mixed ORDER BY id`);
    expect(rows.map((r) => Number(r["id"]))).toEqual([1, 2, 3]);
  });

  it("a table in a missing dataset fails its rows with the fix, not the pipeline", async () => {
    const failed = await runWrite("INSERT_ALL", "no_such_dataset.t");
    expect(failed).toHaveLength(3);
    expect(failed[0]?.reason).toMatch(/no_such_dataset does not exist; create it/);
  });

  it("replaying the same batch at the same offsets on a committed stream adds no duplicate", async () => {
    await bigquery
      .dataset(DATASET)
      .createTable("replay", { schema: { fields: eventSchema.fields as never } });
    const [host, port] = emulator.storageHost.split(":");
    const client = new managedwriter.WriterClient({
      projectId: emulator.projectId,
      servicePath: host!,
      port: Number(port),
      sslCreds: credentials.createInsecure(),
    });
    const tablePath = `projects/${emulator.projectId}/datasets/${DATASET}/tables/replay`;
    const stream = await StorageWriteStream.open(client, tablePath, eventSchema, { type: "COMMITTED" });
    const batch = [
      { id: "1", user: "ann" },
      { id: "2", user: "bob" },
    ];
    expect(await stream.append(batch, 0)).toEqual({ kind: "appended" });
    expect(await stream.append(batch, 0)).toEqual({ kind: "alreadyExists" });
    // Reopened by id, as after a restart from a checkpoint: the replay is still recognised.
    const reopened = await StorageWriteStream.open(client, tablePath, eventSchema, {
      type: "COMMITTED",
      streamId: stream.streamId,
    });
    expect(await reopened.append(batch, 0)).toEqual({ kind: "alreadyExists" });
    expect(await reopened.append([{ id: "3", user: "cy" }], 2)).toEqual({ kind: "appended" });
    await expect(reopened.append([{ id: "9", user: "gap" }], 10)).rejects.toThrow(/OUT_OF_RANGE/);
    stream.close();
    reopened.close();
    client.close();
    const rows = await query(`SELECT id FROM ${DATASET}.replay ORDER BY id`);
    expect(rows.map((r) => Number(r["id"]))).toEqual([1, 2, 3]);
  });

  it("a writer resumed from a checkpointed stream position counts the replay as written, once", async () => {
    const dest = {
      table: { datasetId: DATASET, tableId: "resume" },
      tableSpec: `${DATASET}.resume`,
      schema: eventSchema,
      validator: new RowValidator(eventSchema),
      layout: {},
      createDisposition: "CREATE_IF_NEEDED" as const,
      writeDisposition: "WRITE_APPEND" as const,
    };
    const rows = events.map((e, i) => {
      const v = dest.validator.validate(e);
      if (!v.ok) throw new Error(v.reason);
      return { row: v.row, insertId: String(i), bytes: v.approximateBytes };
    });
    const crashed = (await backend().openWriter("STORAGE_WRITE_API")) as StorageWriteTableWriter;
    await crashed.prepareTable(dest);
    expect(await crashed.writeRows(dest, rows)).toEqual({ failed: [], retry: [], alreadyPresent: 0 });
    const position = (await crashed.positions()).get(dest.tableSpec)!;
    expect(position.offset).toBe(3);
    // The process "dies" before its checkpoint recorded offset 3: restart from offset 0.
    const restarted = bigQueryBackend({
      projectId: emulator.projectId,
      apiEndpoint: emulator.restEndpoint,
      storageHost: emulator.storageHost,
      resumeFrom: new Map([[dest.tableSpec, { streamId: position.streamId, offset: 0 }]]),
    });
    const writer = await restarted.openWriter("STORAGE_WRITE_API");
    await writer.prepareTable(dest);
    expect(await writer.writeRows(dest, rows)).toEqual({ failed: [], retry: [], alreadyPresent: 3 });
    expect(await writer.writeRows(dest, rows.slice(0, 1))).toEqual({
      failed: [],
      retry: [],
      alreadyPresent: 0,
    });
    await writer.close();
    await crashed.close();
    const ids = await query(`SELECT id FROM ${DATASET}.resume ORDER BY id`);
    expect(ids.map((r) => Number(r["id"]))).toEqual([1, 1, 2, 3]);
  });
});

describe("throughput against bqemulator (figures for the README)", () => {
  for (const method of ["STORAGE_WRITE_API", "STORAGE_WRITE_API_AT_LEAST_ONCE", "INSERT_ALL"] as const) {
    it(`${method}: rows/s`, async () => {
      const n = 20_000;
      const input = Array.from({ length: n }, (_, i) => ({
        id: i,
        user: `u${i % 100}`,
        kind: i % 2 ? "view" : "cart",
        ts: 1_700_000_000_000 + i,
      }));
      const table = `bench_${method.toLowerCase()}`;
      const t0 = performance.now();
      const failed = await runWrite(method, `${DATASET}.${table}`, input);
      const seconds = (performance.now() - t0) / 1000;
      expect(failed).toEqual([]);
      expect(await query(`SELECT count(*) AS n FROM ${DATASET}.${table}`)).toEqual([{ n }]);
      process.stdout.write(
        `bqemulator ${method}: ${n} rows in ${seconds.toFixed(2)} s = ${Math.round(n / seconds)} rows/s\n`,
      );
    }, 300_000);
  }
});
