/**
 * What an exactly-once sink hands the runner's checkpoint (two-phase commit): per table, the
 * write streams (BigQuery PENDING streams, or DuckDB pending batches) whose rows were flushed
 * since the previous checkpoint but are not yet visible. Plain data, so it fits in a checkpoint;
 * committing it is idempotent, so the runner may commit it again after a restart.
 * @example
 * ```ts
 * const prepared: PreparedWrites = {
 *   tables: [{ tableSpec: "p:analytics.clicks", streams: ["projects/p/datasets/analytics/tables/clicks/streams/s1"], rows: 120 }],
 * };
 * ```
 * @public
 */
export interface PreparedWrites {
  readonly tables: ReadonlyArray<{
    /** `project:dataset.table`. */
    readonly tableSpec: string;
    /**
     * The sealed streams: BigQuery write stream names (`projects/P/datasets/D/tables/T/streams/S`,
     * committed atomically per table) or DuckDB pending stream ids.
     */
    readonly streams: readonly string[];
    /** Rows the streams hold, for metrics and logs. */
    readonly rows: number;
  }>;
}
