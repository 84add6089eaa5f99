import type { TableSchema } from "@tributary/io-bigquery";

/**
 * How one kind of result row is stored as a table: its BigQuery schema, the conversion from the
 * pipeline's row to a table row (snake_case columns, epoch ms → TIMESTAMP), and the layout used
 * when the sink creates the table.
 * @public
 */
export interface TableSpec<T = never> {
  readonly schema: TableSchema;
  readonly toRow: (row: T) => Record<string, unknown>;
  /** A TIMESTAMP column to partition the table by day. */
  readonly partitionByDay?: string;
  /** Columns to cluster by, in order (at most 4). */
  readonly clusterBy?: readonly string[];
}
