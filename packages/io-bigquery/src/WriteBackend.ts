import type { TableWriter } from "./TableWriter";
import type { WriteMethod } from "./WriteMethod";

/** Options of {@link WriteBackend.openWriter}. @public */
export interface OpenWriterOptions {
  /** Write to pending streams, committed with the runner's checkpoints (default false). */
  readonly twoPhaseCommit?: boolean;
}

/**
 * Where `writeBigQuery` writes: a factory of {@link TableWriter}s, opened once per sink
 * instance in its DoFn's `setup`. `bigQueryBackend(...)` talks to BigQuery (or bqemulator);
 * `duckDbBackend(...)` is the embedded local stand-in.
 * @example
 * ```ts
 * const backend: WriteBackend = duckDbBackend({ path: "analytics.duckdb" });
 * ```
 * @public
 */
export interface WriteBackend {
  /**
   * Opens a writer for `method`. With `twoPhaseCommit` (STORAGE_WRITE_API only), rows go to
   * pending streams that become visible only through the writer's `prepareCommit`/`commit`.
   */
  openWriter(method: WriteMethod, options?: OpenWriterOptions): Promise<TableWriter>;
  /** Prints the backend as code, for graphs and errors. */
  toString(): string;
}
