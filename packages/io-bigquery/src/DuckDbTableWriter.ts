import { randomUUID } from "node:crypto";
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import { duckDbCreateTable, quoteIdent, quoteLiteral } from "./duckDbDdl";
import type { PreparedWrites } from "./PreparedWrites";
import { parseTableReference } from "./TableReference";
import type { TableDestination } from "./TableDestination";
import type { StreamPosition } from "./StorageWriteTableWriter";
import type { PendingRow, RowError, TableWriter, WriteAttempt } from "./TableWriter";
import { toDuckDbValue } from "./toDuckDbValue";
import { WriteError } from "./WriteError";
import type { WriteMethod } from "./WriteMethod";

/** The bookkeeping table of committed batches, which makes a replayed batch a no-op. */
const LEDGER = `${quoteIdent("__tributary")}.${quoteIdent("streams")}`;
/** Two-phase commit: the pending batches already moved into their tables. */
const COMMITTED = `${quoteIdent("__tributary")}.${quoteIdent("committed_streams")}`;
/** The column of a staging table naming the pending stream a row belongs to. */
const STREAM_COLUMN = "__tributary_stream";

/** The staging table holding the pending rows of `dataset.table` (two-phase commit). */
function stagingTable(datasetId: string, tableId: string): string {
  return `${quoteIdent("__tributary")}.${quoteIdent(`pending__${datasetId}__${tableId}`)}`;
}

function duckDbError(err: unknown, what: string): WriteError {
  const message = err instanceof Error ? err.message : String(err);
  const transient = /conflict|could not set lock|database is locked/i.test(message);
  return new WriteError(`DuckDB ${what}: ${message.split("\n")[0]}`, transient, { cause: err });
}

/**
 * A {@link TableWriter} on an embedded DuckDB database, BigQuery's local stand-in. It mirrors
 * a COMMITTED stream: each writer appends to its own stream per table at explicit offsets, and
 * each batch commits in one transaction together with the stream's next offset in a ledger
 * table (`"__tributary"."streams"`), so a batch replayed at offsets already committed (after a
 * restart from `resumeFrom`) is skipped and reported as `alreadyPresent`, and a failed batch
 * leaves nothing behind. Calls are serialized on one connection.
 *
 * With `twoPhaseCommit` (exactly-once with the runner's checkpoints) rows go instead to a
 * staging table (`"__tributary"."pending__<dataset>__<table>"`) tagged with a pending stream id
 * per table; `prepareCommit` seals those streams and returns their ids, and `commit` moves each
 * stream's rows into the target table in one transaction that also records the stream in
 * `"__tributary"."committed_streams"` — so committing it again is a no-op. Streams never
 * committed (written after the last durable checkpoint) stay in the staging table, invisible.
 * @public
 */
export class DuckDbTableWriter implements TableWriter {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly prepared = new Map<string, Promise<void>>();
  private ledgerReady: Promise<void> | undefined;
  private readonly streams = new Map<string, { streamId: string; offset: number }>();
  /** Two-phase: the pending stream of each table written since the previous `prepareCommit`. */
  private readonly pending = new Map<string, { dest: TableDestination; streamId: string; rows: number }>();

  /** @internal use `duckDbBackend(...).openWriter(method)`. */
  constructor(
    readonly method: WriteMethod,
    private readonly connection: DuckDBConnection,
    private readonly resumeFrom: ReadonlyMap<string, StreamPosition> = new Map(),
    private readonly twoPhaseCommit = false,
  ) {}

  private serialize<R>(task: () => Promise<R>): Promise<R> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private ensureLedger(): Promise<void> {
    this.ledgerReady ??= this.serialize(async () => {
      await this.connection.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent("__tributary")}`);
      await this.connection.run(
        `CREATE TABLE IF NOT EXISTS ${LEDGER} (stream_id VARCHAR PRIMARY KEY, table_spec VARCHAR NOT NULL, next_offset BIGINT NOT NULL)`,
      );
      if (this.twoPhaseCommit)
        await this.connection.run(
          `CREATE TABLE IF NOT EXISTS ${COMMITTED} (stream_id VARCHAR PRIMARY KEY, table_spec VARCHAR NOT NULL, row_count BIGINT NOT NULL)`,
        );
    });
    return this.ledgerReady;
  }

  prepareTable(dest: TableDestination): Promise<void> {
    let p = this.prepared.get(dest.tableSpec);
    if (!p) {
      p = this.ensureLedger().then(() =>
        this.serialize(async () => {
          await this.createOrCheck(dest);
          if (this.twoPhaseCommit) await this.createStaging(dest);
        }),
      );
      p.catch(() => this.prepared.delete(dest.tableSpec));
      this.prepared.set(dest.tableSpec, p);
    }
    return p;
  }

  private async createOrCheck(dest: TableDestination): Promise<void> {
    const { datasetId, tableId } = dest.table;
    const exists = await this.connection.runAndReadAll(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = ${quoteLiteral(datasetId)} AND table_name = ${quoteLiteral(tableId)}`,
    );
    const found = Number(exists.getRowObjectsJS()[0]?.["n"] ?? 0) > 0;
    const qualified = `${quoteIdent(datasetId)}.${quoteIdent(tableId)}`;
    if (!found) {
      if (dest.createDisposition === "CREATE_NEVER") {
        throw new WriteError(
          `table ${dest.tableSpec} does not exist and createDisposition is CREATE_NEVER; create it or use CREATE_IF_NEEDED`,
          false,
        );
      }
      try {
        for (const sql of duckDbCreateTable(datasetId, tableId, dest.schema, dest.layout))
          await this.connection.run(sql);
      } catch (err) {
        throw duckDbError(err, `could not create ${dest.tableSpec}`);
      }
    } else if (dest.writeDisposition === "WRITE_EMPTY") {
      const rows = await this.connection.runAndReadAll(`SELECT count(*) AS n FROM ${qualified}`);
      if (Number(rows.getRowObjectsJS()[0]?.["n"] ?? 0) > 0) {
        throw new WriteError(
          `table ${dest.tableSpec} is not empty and writeDisposition is WRITE_EMPTY; empty it or use WRITE_APPEND`,
          false,
        );
      }
    }
  }

  private async createStaging(dest: TableDestination): Promise<void> {
    const { datasetId, tableId } = dest.table;
    const target = `${quoteIdent(datasetId)}.${quoteIdent(tableId)}`;
    try {
      await this.connection.run(
        `CREATE TABLE IF NOT EXISTS ${stagingTable(datasetId, tableId)} AS SELECT *, ''::VARCHAR AS ${quoteIdent(STREAM_COLUMN)} FROM ${target} LIMIT 0`,
      );
    } catch (err) {
      throw duckDbError(err, `could not create the staging table of ${dest.tableSpec}`);
    }
  }

  /** The next offset of every stream this writer opened, by table spec (what a checkpoint records). */
  positions(): Map<string, StreamPosition> {
    return new Map([...this.streams].map(([spec, s]) => [spec, { ...s }]));
  }

  writeRows(dest: TableDestination, rows: readonly PendingRow[]): Promise<WriteAttempt> {
    // Convert before the transaction so a value DuckDB cannot take fails its row, not the batch.
    const fields = dest.schema.fields;
    const failed: RowError[] = [];
    const converted: DuckDBValue[][] = [];
    for (let i = 0; i < rows.length; i++) {
      try {
        converted.push(fields.map((f) => toDuckDbValue(f, rows[i]!.row[f.name] ?? null)));
      } catch (err) {
        failed.push({
          index: i,
          reason: `DuckDB cannot store the row: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
    }
    if (this.twoPhaseCommit) return this.writePending(dest, converted, failed);
    return this.serialize(async () => {
      if (converted.length === 0) return { failed, retry: [], alreadyPresent: 0 };
      let stream = this.streams.get(dest.tableSpec);
      if (!stream) {
        stream = this.resumeFrom.get(dest.tableSpec) ?? { streamId: randomUUID(), offset: 0 };
        stream = { ...stream };
        this.streams.set(dest.tableSpec, stream);
      }
      const c = this.connection;
      await c.run("BEGIN TRANSACTION");
      try {
        const found = await c.runAndReadAll(
          `SELECT next_offset FROM ${LEDGER} WHERE stream_id = ${quoteLiteral(stream.streamId)}`,
        );
        const committed = found.currentRowCount > 0 ? Number(found.getRowObjectsJS()[0]!["next_offset"]) : 0;
        if (committed >= stream.offset + converted.length) {
          // A replay of rows already committed at these offsets: success, like ALREADY_EXISTS.
          await c.run("ROLLBACK");
          stream.offset += converted.length;
          return { failed, retry: [], alreadyPresent: converted.length };
        }
        if (committed !== stream.offset) {
          throw new WriteError(
            `stream ${stream.streamId} of ${dest.tableSpec} is at offset ${committed}, not ${stream.offset}: resume from the position a checkpoint recorded`,
            false,
          );
        }
        const appender = await c.createAppender(dest.table.tableId, dest.table.datasetId);
        try {
          const types = fields.map((_, i) => appender.columnType(i));
          for (const values of converted) {
            for (let i = 0; i < values.length; i++) appender.appendValue(values[i]!, types[i]);
            appender.endRow();
          }
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
        const next = stream.offset + converted.length;
        await c.run(
          `INSERT OR REPLACE INTO ${LEDGER} VALUES (${quoteLiteral(stream.streamId)}, ${quoteLiteral(dest.tableSpec)}, ${next})`,
        );
        await c.run("COMMIT");
        stream.offset = next;
        return { failed, retry: [], alreadyPresent: 0 };
      } catch (err) {
        await c.run("ROLLBACK").catch(() => undefined);
        if (err instanceof WriteError) throw err;
        throw duckDbError(err, `append to ${dest.tableSpec} failed`);
      }
    });
  }

  /** Two-phase: appends one batch to the table's pending stream in the staging table, atomically. */
  private writePending(
    dest: TableDestination,
    converted: readonly DuckDBValue[][],
    failed: RowError[],
  ): Promise<WriteAttempt> {
    return this.serialize(async () => {
      if (converted.length === 0) return { failed, retry: [], alreadyPresent: 0 };
      let stream = this.pending.get(dest.tableSpec);
      if (!stream) this.pending.set(dest.tableSpec, (stream = { dest, streamId: randomUUID(), rows: 0 }));
      const c = this.connection;
      const { datasetId, tableId } = dest.table;
      await c.run("BEGIN TRANSACTION");
      try {
        const appender = await c.createAppender(`pending__${datasetId}__${tableId}`, "__tributary");
        try {
          const n = dest.schema.fields.length;
          const types = dest.schema.fields.map((_, i) => appender.columnType(i));
          for (const values of converted) {
            for (let i = 0; i < n; i++) appender.appendValue(values[i]!, types[i]);
            appender.appendVarchar(stream.streamId);
            appender.endRow();
          }
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
        await c.run("COMMIT");
        stream.rows += converted.length;
        return { failed, retry: [], alreadyPresent: 0 };
      } catch (err) {
        await c.run("ROLLBACK").catch(() => undefined);
        throw duckDbError(err, `append to the pending rows of ${dest.tableSpec} failed`);
      }
    });
  }

  /** Two-phase: seals the pending streams written since the previous call (null when none). */
  prepareCommit(): PreparedWrites | null {
    if (!this.twoPhaseCommit || this.pending.size === 0) return null;
    const tables = [...this.pending.values()].map((s) => ({
      tableSpec: s.dest.tableSpec,
      streams: [s.streamId],
      rows: s.rows,
    }));
    this.pending.clear();
    return { tables };
  }

  /**
   * Two-phase: moves each stream's rows from the staging table into its table, one transaction
   * per stream that also records it as committed; a stream already recorded is skipped.
   */
  commit(prepared: PreparedWrites): Promise<void> {
    return this.serialize(async () => {
      const c = this.connection;
      for (const t of prepared.tables) {
        const { datasetId, tableId } = parseTableReference(t.tableSpec);
        for (const streamId of t.streams) {
          await c.run("BEGIN TRANSACTION");
          try {
            const done = await c.runAndReadAll(
              `SELECT 1 FROM ${COMMITTED} WHERE stream_id = ${quoteLiteral(streamId)}`,
            );
            if (done.currentRowCount > 0) {
              await c.run("ROLLBACK");
              continue;
            }
            const staging = stagingTable(datasetId, tableId);
            const where = `${quoteIdent(STREAM_COLUMN)} = ${quoteLiteral(streamId)}`;
            await c.run(
              `INSERT INTO ${quoteIdent(datasetId)}.${quoteIdent(tableId)} SELECT * EXCLUDE (${quoteIdent(STREAM_COLUMN)}) FROM ${staging} WHERE ${where}`,
            );
            await c.run(`DELETE FROM ${staging} WHERE ${where}`);
            await c.run(
              `INSERT INTO ${COMMITTED} VALUES (${quoteLiteral(streamId)}, ${quoteLiteral(t.tableSpec)}, ${t.rows})`,
            );
            await c.run("COMMIT");
          } catch (err) {
            await c.run("ROLLBACK").catch(() => undefined);
            throw duckDbError(err, `commit of pending stream ${streamId} into ${t.tableSpec} failed`);
          }
        }
      }
    });
  }

  close(): Promise<void> {
    return this.serialize(() => {
      this.connection.closeSync();
      return Promise.resolve();
    });
  }
}
