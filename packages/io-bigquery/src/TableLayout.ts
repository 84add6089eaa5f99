/**
 * How a created table is partitioned by time: by `field` (a TIMESTAMP, DATE or DATETIME
 * column) or, without one, by ingestion time; `type` is the partition granularity.
 * @example
 * ```ts
 * const daily: TimePartitioning = { type: "DAY", field: "window_start", expirationMs: 90 * 86_400_000 };
 * ```
 * @public
 */
export interface TimePartitioning {
  readonly type: "HOUR" | "DAY" | "MONTH" | "YEAR";
  readonly field?: string;
  readonly expirationMs?: number;
}

/**
 * The physical layout requested when the sink creates a table: time partitioning and up to
 * four clustering columns. The DuckDB backend records it (see the README) but does not
 * partition or cluster.
 * @example
 * ```ts
 * const layout: TableLayout = { timePartitioning: { type: "DAY", field: "ts" }, clustering: ["user_id"] };
 * ```
 * @public
 */
export interface TableLayout {
  readonly timePartitioning?: TimePartitioning;
  readonly clustering?: readonly string[];
}
