import { describe, expect, it } from "vitest";
import { duckDbBackend, writeBigQuery, type DuckDbBackend } from "@tributary/io-bigquery";
import {
  checkpointDir,
  crashAt,
  FAILPOINTS,
  idSchema,
  logToTable,
  ReplayableLog,
} from "./setup/crashRestart";

const records = Array.from({ length: 200 }, (_, i) => i);

async function ids(backend: DuckDbBackend, table: string): Promise<number[]> {
  const rows = await backend.query(`SELECT id FROM "exo"."${table}" ORDER BY id`);
  return rows.map((r) => Number(r["id"]));
}

describe("DuckDB backend, two-phase commit with checkpoints", () => {
  for (const point of FAILPOINTS) {
    it(`a crash at ${point}, then a restart: every row exactly once`, async () => {
      const directory = await checkpointDir();
      const backend = duckDbBackend();
      const table = `t_${point.replaceAll("-", "_")}`;
      const checkpoints = { directory, intervalMillis: 0 };
      await expect(
        logToTable(new ReplayableLog(records), `exo.${table}`, backend).run({
          checkpoints,
          failpoint: crashAt(point, 6),
          collectLeaves: false,
        }),
      ).rejects.toThrow(`crash at ${point}`);
      const afterCrash = await ids(backend, table);
      expect(afterCrash.length).toBeLessThan(records.length);
      // Only committed rows are visible: a prefix of the log, each once.
      expect(afterCrash).toEqual(records.slice(0, afterCrash.length));
      const log = new ReplayableLog(records);
      await logToTable(log, `exo.${table}`, backend).run({ checkpoints, collectLeaves: false });
      expect(await ids(backend, table)).toEqual(records);
      expect(log.acked).toBe(records.length);
      await backend.close();
    });
  }

  it("rows written after the last durable checkpoint stay invisible, and committing twice adds nothing", async () => {
    const backend = duckDbBackend();
    const writer = await backend.openWriter("STORAGE_WRITE_API", { twoPhaseCommit: true });
    const dest = {
      table: { datasetId: "exo", tableId: "manual" },
      tableSpec: "exo.manual",
      schema: { fields: [{ name: "id", type: "INT64" as const }] },
      validator: undefined as never,
      layout: {},
      createDisposition: "CREATE_IF_NEEDED" as const,
      writeDisposition: "WRITE_APPEND" as const,
    };
    await writer.prepareTable(dest);
    await writer.writeRows(dest, [{ row: { id: 1n }, insertId: "a", bytes: 8 }]);
    const first = writer.prepareCommit();
    await writer.writeRows(dest, [{ row: { id: 2n }, insertId: "b", bytes: 8 }]);
    expect(await ids(backend, "manual")).toEqual([]);
    await writer.commit(first!);
    await writer.commit(first!);
    expect(await ids(backend, "manual")).toEqual([1]);
    await writer.close();
    await backend.close();
  });

  for (const method of ["STORAGE_WRITE_API_AT_LEAST_ONCE", "INSERT_ALL"] as const) {
    it(`rejects twoPhaseCommit with ${method} at construction, naming the fix`, () => {
      expect(() =>
        writeBigQuery({
          table: "exo.t",
          schema: idSchema,
          backend: duckDbBackend(),
          method,
          twoPhaseCommit: true,
        }),
      ).toThrow(`twoPhaseCommit needs method STORAGE_WRITE_API; ${method} is at-least-once`);
    });
  }
});
