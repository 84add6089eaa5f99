import type { managedwriter } from "@google-cloud/bigquery-storage";
import type { BigQueryTables } from "./BigQueryTables";
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
 * @public
 */
export class StorageWriteTableWriter implements TableWriter {
  private readonly streams = new Map<string, Promise<OpenStream>>();

  /** @internal use `bigQueryBackend(...).openWriter(method)`. */
  constructor(
    readonly method: "STORAGE_WRITE_API" | "STORAGE_WRITE_API_AT_LEAST_ONCE",
    private readonly client: managedwriter.WriterClient,
    private readonly tables: BigQueryTables,
    private readonly defaultProjectId: string,
    private readonly resumeFrom: ReadonlyMap<string, StreamPosition> = new Map(),
    /** Whether `close()` also closes `client`. */
    private readonly ownsClient = false,
  ) {}

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
      const type = this.method === "STORAGE_WRITE_API" ? "COMMITTED" : "DEFAULT";
      p = StorageWriteStream.open(this.client, tablePath, dest.schema, {
        type,
        ...(type === "COMMITTED" && resume ? { streamId: resume.streamId } : {}),
      }).then((stream) => ({ stream, offset: type === "COMMITTED" && resume ? resume.offset : 0 }));
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

  async close(): Promise<void> {
    const streams = [...this.streams.values()];
    this.streams.clear();
    for (const p of streams) {
      const s = await p.catch(() => undefined);
      if (!s) continue;
      await s.stream.finalize().catch(() => undefined);
      s.stream.close();
    }
    if (this.ownsClient) this.client.close();
  }
}
