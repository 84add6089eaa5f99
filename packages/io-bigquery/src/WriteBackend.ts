import type { TableWriter } from "./TableWriter";
import type { WriteMethod } from "./WriteMethod";

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
  /** Opens a writer for `method`. */
  openWriter(method: WriteMethod): Promise<TableWriter>;
  /** Prints the backend as code, for graphs and errors. */
  toString(): string;
}
