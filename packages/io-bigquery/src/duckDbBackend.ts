import { DuckDBInstance } from "@duckdb/node-api";
import { DuckDbTableWriter } from "./DuckDbTableWriter";
import type { StreamPosition } from "./StorageWriteTableWriter";
import type { OpenWriterOptions, WriteBackend } from "./WriteBackend";
import type { WriteMethod } from "./WriteMethod";

/** Options of {@link duckDbBackend}. @public */
export interface DuckDbBackendOptions {
  /** Database file, created if missing; default `":memory:"` (lives as long as the backend). */
  readonly path?: string;
  /** Stream positions to resume from (from a checkpoint), by table spec: replays at committed offsets are skipped. */
  readonly resumeFrom?: ReadonlyMap<string, StreamPosition>;
}

/**
 * The embedded DuckDB stand-in for BigQuery (see {@link duckDbBackend}); `query` reads back
 * what the sink wrote.
 * @public
 */
export class DuckDbBackend implements WriteBackend {
  private instance: Promise<DuckDBInstance> | undefined;

  constructor(
    readonly path: string,
    private readonly resumeFrom: ReadonlyMap<string, StreamPosition> = new Map(),
  ) {}

  private open(): Promise<DuckDBInstance> {
    this.instance ??= DuckDBInstance.create(this.path);
    return this.instance;
  }

  /** Opens a writer; every method writes transactionally (see the README's guarantees table). */
  async openWriter(method: WriteMethod, options: OpenWriterOptions = {}): Promise<DuckDbTableWriter> {
    const instance = await this.open();
    return new DuckDbTableWriter(
      method,
      await instance.connect(),
      this.resumeFrom,
      options.twoPhaseCommit ?? false,
    );
  }

  /**
   * Runs a SQL query and returns its rows as JS values (BIGINT → bigint, TIMESTAMPTZ → Date,
   * DECIMAL → number, LIST → array, STRUCT → object). Tables are `"dataset"."table"`.
   */
  async query(sql: string): Promise<Record<string, unknown>[]> {
    const connection = await (await this.open()).connect();
    try {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS();
    } finally {
      connection.closeSync();
    }
  }

  /** Closes the database; writers must be closed first. */
  async close(): Promise<void> {
    if (this.instance) (await this.instance).closeSync();
    this.instance = undefined;
  }

  toString(): string {
    return `duckDbBackend({ path: ${JSON.stringify(this.path)} })`;
  }
}

/**
 * An embedded analytical store (DuckDB) that plays BigQuery's role, so pipelines run with no
 * cloud and no server: datasets become schemas, tables are created from the same
 * {@link TableSchema}, and each batch commits atomically with its stream offset.
 * @example
 * ```ts
 * const backend = duckDbBackend({ path: "out/analytics.duckdb" });
 * clicks.apply(writeBigQuery({ table: "analytics.clicks", schema, backend }));
 * // after the run:
 * await backend.query('SELECT count(*) AS n FROM "analytics"."clicks"');
 * ```
 * @public
 */
export function duckDbBackend(options: DuckDbBackendOptions = {}): DuckDbBackend {
  return new DuckDbBackend(options.path ?? ":memory:", options.resumeFrom);
}
