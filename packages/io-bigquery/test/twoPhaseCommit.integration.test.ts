import { BigQuery } from "@google-cloud/bigquery";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bigQueryBackend, type BigQueryBackend } from "@tributary/io-bigquery";
import type { BigQueryEmulator } from "../../../tools/emulators/emulators";
import { startEmulatorOrFail } from "./setup/bigqueryEmulator";
import {
  checkpointDir,
  crashAt,
  FAILPOINTS,
  idSchema,
  logToTable,
  ReplayableLog,
} from "./setup/crashRestart";

let emulator: BigQueryEmulator;
let bigquery: BigQuery;
const DATASET = "exo";
const records = Array.from({ length: 150 }, (_, i) => i);

function backend(): BigQueryBackend {
  return bigQueryBackend({
    projectId: emulator.projectId,
    apiEndpoint: emulator.restEndpoint,
    storageHost: emulator.storageHost,
  });
}

async function ids(table: string): Promise<number[]> {
  const [rows] = await bigquery.query({ query: `SELECT id FROM ${DATASET}.${table} ORDER BY id` });
  return (rows as Record<string, unknown>[]).map((r) => Number(r["id"]));
}

beforeAll(async () => {
  emulator = await startEmulatorOrFail();
  bigquery = new BigQuery({ projectId: emulator.projectId, apiEndpoint: emulator.restEndpoint });
  await bigquery.createDataset(DATASET);
}, 120_000);

afterAll(async () => {
  await emulator?.stop();
});

describe("STORAGE_WRITE_API with twoPhaseCommit against bqemulator (PENDING streams)", () => {
  for (const point of FAILPOINTS) {
    it(`a crash at ${point}, then a restart: every row exactly once`, async () => {
      const directory = await checkpointDir();
      const table = `t_${point.replaceAll("-", "_")}`;
      const checkpoints = { directory, intervalMillis: 0 };
      await expect(
        logToTable(new ReplayableLog(records), `${DATASET}.${table}`, backend()).run({
          checkpoints,
          failpoint: crashAt(point, 6),
          collectLeaves: false,
        }),
      ).rejects.toThrow(`crash at ${point}`);
      const afterCrash = await ids(table);
      expect(afterCrash.length).toBeLessThan(records.length);
      expect(afterCrash).toEqual(records.slice(0, afterCrash.length));
      const log = new ReplayableLog(records);
      await logToTable(log, `${DATASET}.${table}`, backend()).run({ checkpoints, collectLeaves: false });
      expect(await ids(table)).toEqual(records);
      expect(log.acked).toBe(records.length);
    });
  }

  it("pending rows are invisible until committed; committing twice adds nothing", async () => {
    const writer = await backend().openWriter("STORAGE_WRITE_API", { twoPhaseCommit: true });
    const dest = {
      table: { projectId: emulator.projectId, datasetId: DATASET, tableId: "manual" },
      tableSpec: `${emulator.projectId}:${DATASET}.manual`,
      schema: idSchema,
      validator: undefined as never,
      layout: {},
      createDisposition: "CREATE_IF_NEEDED" as const,
      writeDisposition: "WRITE_APPEND" as const,
    };
    await writer.prepareTable(dest);
    await writer.writeRows(dest, [{ row: { id: 1n }, insertId: "a", bytes: 8 }]);
    const first = writer.prepareCommit!();
    expect(first?.tables[0]?.streams[0]).toMatch(/\/streams\//);
    await writer.writeRows(dest, [{ row: { id: 2n }, insertId: "b", bytes: 8 }]);
    expect(await ids("manual")).toEqual([]);
    await writer.commit!(first!);
    await writer.commit!(first!);
    expect(await ids("manual")).toEqual([1]);
    await writer.close();
    expect(await ids("manual")).toEqual([1]);
  });
});
