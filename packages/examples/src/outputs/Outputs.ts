import type { PCollection } from "@tributary/core";

/**
 * Hints for a destination table, used by sinks that have tables (BigQuery, DuckDB) and ignored by
 * the others (JSON lines, memory).
 * @public
 */
export interface TableHints {
  /** A row field holding epoch ms, to partition the table by day. */
  readonly partitionByDay?: string;
  /** Row fields to cluster by, in order. */
  readonly clusterBy?: readonly string[];
}

/**
 * Where a pipeline's results go: one named table (or topic) per kind of row. The example
 * pipelines write only through this seam, so the same pipeline writes JSON lines locally, rows in
 * memory in tests, and — once those packages are ready — BigQuery tables or Pub/Sub topics.
 *
 * `write` is called while the pipeline is built: it applies the sink steps to `rows`.
 * @example
 * ```ts
 * const outputs = jsonLinesOutputs("./out");
 * outputs.write("page_counts", pageCounts, { partitionByDay: "windowStart", clusterBy: ["page"] });
 * await p.run();
 * ```
 * @public
 */
export interface Outputs {
  write<T extends object>(table: string, rows: PCollection<T>, hints?: TableHints): void;
}
