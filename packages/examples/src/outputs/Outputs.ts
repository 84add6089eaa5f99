import type { PCollection } from "@tributary/core";
import type { TableSpec } from "./TableSpec";

/**
 * Where a pipeline's results go: one named table (or topic) per kind of row. The example
 * pipelines write only through this seam, so the same pipeline writes JSON lines, rows in memory
 * in tests, a DuckDB file, or BigQuery tables.
 *
 * `write` is called while the pipeline is built: it applies the sink steps to `rows`. `spec`
 * says how the rows look as a table (schema, partitioning, clustering); sinks without tables
 * ignore it.
 * @example
 * ```ts
 * const outputs = jsonLinesOutputs("./out");
 * outputs.write("clickstream_page_counts", pageCounts, EXAMPLE_TABLES.clickstream_page_counts);
 * await p.run();
 * ```
 * @public
 */
export interface Outputs {
  write<T extends object>(table: string, rows: PCollection<T>, spec?: TableSpec<T>): void;
  /** Called once after the last `write`, before the run: for steps that gather every table (dead letters). */
  finish?(): void;
}
