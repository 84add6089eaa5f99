import type { managedwriter } from "@google-cloud/bigquery-storage";
import type { BigQueryTables } from "./BigQueryTables";
import { commitPendingStreams } from "./commitPendingStreams";
import type { PreparedWrites } from "./PreparedWrites";
import { StorageWriteStream } from "./StorageWriteStream";
import type { TableDestination } from "./TableDestination";
import type { PendingRow, TableWriter, WriteAttempt } from "./TableWriter";
import { toServiceJson } from "./toServiceJson";

/**
 * Where a COMMITTED stream stands: the offset of the next row to append. This is the sink
 * progress a checkpoint records; reopening a writer with it replays at the same offsets.
 * @public
 */
export interface StreamPosition {
  readonly streamId: string;
  readonly offset: number;
}

interface OpenStream {
  readonly stream: StorageWriteStream;
  offset: number;
}

/**
 * A {@link TableWriter} on the Storage Write API. Exactly-once (`STORAGE_WRITE_API`): one
 * application-created COMMITTED stream per table, each batch appended at an explicit offset;
 * a retry of a batch whose acknowledgement was lost resends it at the same offset and the
 * ALREADY_EXISTS answer counts as success. At-least-once
 * (`STORAGE_WRITE_API_AT_LEAST_ONCE`): the `_default` stream, no offsets.
 *
 * With `twoPhaseCommit` (exactly-once across restarts, with the runner's checkpoints): one
 * PENDING stream per table, also at explicit offsets, invisible until committed.
 * `prepareCommit` seals the streams written since the previous checkpoint (later rows go to new
 * streams) and returns their names; `commit` finalizes and batch-commits them, idempotently.
 * Streams written after the last durable checkpoint are never committed, so a crash leaves
 * nothing visible that the restarted run writes again.
 * @public
 */
export class StorageWriteTableWriter implements TableWriter {
  private readonly streams = new Map<string, Promise<OpenStream>>();
  /** Two-phase: the streams opened since the previous `prepareCommit`, once open. */
  private readonly unsealed = new Map<string, OpenStream>();

  /** @internal use `bigQueryBackend(...).openWriter(method)`. */
  constructor(
    readonly method: "STORAGE_WRITE_API" | "STORAGE_WRITE_API_AT_LEAST_ONCE",
    private readonly client: managedwriter.WriterClient,
    private readonly tables: BigQueryTables,
    private readonly defaultProjectId: string,
    private readonly resumeFrom: ReadonlyMap<string, StreamPosition> = new Map(),
    /** Whether `close()` also closes `client`. */
    private readonly ownsClient = false,
    /** PENDING streams committed through `prepareCommit`/`commit` (STORAGE_WRITE_API only). */
    private readonly twoPhaseCommit = false,
  ) {
    if (twoPhaseCommit && method !== "STORAGE_WRITE_API")
      throw new Error(`twoPhaseCommit needs method STORAGE_WRITE_API (pending streams), not ${method}`);
  }

  prepareTable(dest: TableDestination): Promise<void> {
    return this.tables.prepare(dest);
  }

  /** The next offset of every COMMITTED stream this writer opened, by table spec. */
  async positions(): Promise<Map<string, StreamPosition>> {
    const out = new Map<string, StreamPosition>();
    for (const [spec, p] of this.streams) {
      const s = await p.catch(() => undefined);
      if (s && s.stream.type === "COMMITTED")
        out.set(spec, { streamId: s.stream.streamId, offset: s.offset });
    }
    return out;
  }

  private open(dest: TableDestination): Promise<OpenStream> {
    let p = this.streams.get(dest.tableSpec);
    if (!p) {
      const { datasetId, tableId } = dest.table;
      const tablePath = `projects/${dest.table.projectId ?? this.defaultProjectId}/datasets/${datasetId}/tables/${tableId}`;
      const resume = this.resumeFrom.get(dest.tableSpec);
      const type = this.twoPhaseCommit
        ? "PENDING"
        : this.method === "STORAGE_WRITE_API"
          ? "COMMITTED"
          : "DEFAULT";
      const spec = dest.tableSpec;
      p = StorageWriteStream.open(this.client, tablePath, dest.schema, {
        type,
        ...(type === "COMMITTED" && resume ? { streamId: resume.streamId } : {}),
      }).then((stream) => {
        const open = { stream, offset: type === "COMMITTED" && resume ? resume.offset : 0 };
        if (type === "PENDING") this.unsealed.set(spec, open);
        return open;
      });
      p.catch(() => this.streams.delete(dest.tableSpec));
      this.streams.set(dest.tableSpec, p);
    }
    return p;
  }

  async writeRows(dest: TableDestination, rows: readonly PendingRow[]): Promise<WriteAttempt> {
    const s = await this.open(dest);
    const json = rows.map((r) => toServiceJson(dest.schema.fields, r.row, "storage"));
    const outcome = await s.stream.append(json as never, s.offset);
    switch (outcome.kind) {
      case "appended":
        s.offset += rows.length;
        return { failed: [], retry: [], alreadyPresent: 0 };
      case "alreadyExists":
        // A replay of rows that already landed at this offset: success, and move past them.
        s.offset += rows.length;
        return { failed: [], retry: [], alreadyPresent: rows.length };
      case "rowErrors": {
        // Nothing was appended: the bad rows fail, the others are resent (same offset) next attempt.
        const bad = new Set(outcome.errors.map((e) => e.index));
        return {
          failed: outcome.errors.map((e) => ({
            index: e.index,
            reason: `Storage Write API rejected the row: ${e.message}`,
          })),
          retry: rows
            .map((_, index) => index)
            .filter((i) => !bad.has(i))
            .map((index) => ({ index, reason: "resent without the rejected rows" })),
          alreadyPresent: 0,
        };
      }
    }
  }

  /**
   * Seals the PENDING streams written since the previous call and returns them (null when none
   * was written): later rows go to new streams. Call it between bundles.
   */
  prepareCommit(): PreparedWrites | null {
    if (!this.twoPhaseCommit) return null;
    const tables: { tableSpec: string; streams: string[]; rows: number }[] = [];
    for (const [spec, s] of this.unsealed) {
      this.streams.delete(spec);
      s.stream.close();
      if (s.offset > 0) tables.push({ tableSpec: spec, streams: [s.stream.streamId], rows: s.offset });
    }
    this.unsealed.clear();
    return tables.length > 0 ? { tables } : null;
  }

  /** Finalizes and batch-commits the streams of `prepared`; streams already committed are skipped. */
  commit(prepared: PreparedWrites): Promise<void> {
    return commitPendingStreams(
      this.client,
      prepared.tables.flatMap((t) => t.streams),
    );
  }

  async close(): Promise<void> {
    const streams = [...this.streams.values()];
    this.streams.clear();
    this.unsealed.clear();
    for (const p of streams) {
      const s = await p.catch(() => undefined);
      if (!s) continue;
      // A PENDING stream is left as it is: only a checkpoint's commit may make it visible.
      if (s.stream.type === "COMMITTED") await s.stream.finalize().catch(() => undefined);
      s.stream.close();
    }
    if (this.ownsClient) this.client.close();
  }
}
