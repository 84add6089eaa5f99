import { flatten, globalWindows, parDo, type PCollection } from "@tributary/core";
import { writeBigQuery, type FailedRow, type WriteBackend, type WriteMethod } from "@tributary/io-bigquery";
import type { Outputs } from "./Outputs";
import type { TableSpec } from "./TableSpec";

/** Options of {@link bigQueryOutputs}. @public */
export interface BigQueryOutputsOptions {
  /** `duckDbBackend({ path })` locally, `bigQueryBackend({ projectId, ... })` for BigQuery or its emulator. */
  readonly backend: WriteBackend;
  /** The dataset (DuckDB: schema) that holds the tables. */
  readonly dataset: string;
  /** Default `STORAGE_WRITE_API` (exactly-once per stream). */
  readonly method?: WriteMethod;
}

/** A row the sink could not write, as stored in `<dataset>.failed_rows`. @public */
export interface FailedRowRecord {
  readonly table: string;
  readonly reason: string;
  readonly row: string;
}

/**
 * Outputs that write each table with `writeBigQuery` — to BigQuery, to the BigQuery emulator or
 * to a DuckDB file — creating it from its {@link TableSpec} (partitioned by day, clustered).
 * Rows the sink cannot write go, with the reason, to the `failed_rows` table of the same dataset
 * (written by one step, applied by `finish()` once every table has been written).
 * @example
 * ```ts
 * const outputs = bigQueryOutputs({ backend: duckDbBackend({ path: "out/examples.duckdb" }), dataset: "examples" });
 * ```
 * @public
 */
export function bigQueryOutputs(
  options: BigQueryOutputsOptions,
): Outputs & { readonly failedRowsTable: string; finish(): void } {
  const { backend, dataset } = options;
  const method = options.method ?? "STORAGE_WRITE_API";
  const failed: Array<PCollection<FailedRowRecord>> = [];
  const failedRowsTable = `${dataset}.failed_rows`;
  return {
    failedRowsTable,
    write<T extends object>(table: string, rows: PCollection<T>, spec?: TableSpec<T>) {
      if (!spec) throw new Error(`bigQueryOutputs: table ${table} needs a TableSpec (schema and row format)`);
      const { failedRows } = rows.apply(
        `WriteBigQuery[${table}]`,
        writeBigQuery<T>({
          table: `${dataset}.${table}`,
          schema: spec.schema,
          backend,
          method,
          formatRow: (r) => spec.toRow(r),
          ...(spec.partitionByDay !== undefined && {
            timePartitioning: { type: "DAY", field: spec.partitionByDay },
          }),
          ...(spec.clusterBy && { clustering: [...spec.clusterBy] }),
        }),
      );
      const records = failedRows.apply(
        `FailedRows[${table}]`,
        parDo<FailedRow<T>, FailedRowRecord>({
          name: "DescribeFailedRow",
          process(f, ctx) {
            ctx.metrics.counter("failedRows").inc();
            ctx.output({ table: f.table, reason: f.reason, row: safeStringify(f.row ?? f.element) });
          },
        }),
      );
      failed.push(records.windowInto(globalWindows(), {}, `Unwindow[${table}]`));
    },
    finish() {
      if (failed.length === 0) return;
      flatten(failed, "AllFailedRows").apply(
        "WriteFailedRows",
        writeBigQuery<FailedRowRecord>({
          table: failedRowsTable,
          schema: {
            fields: [
              { name: "table", type: "STRING", mode: "REQUIRED" },
              { name: "reason", type: "STRING", mode: "REQUIRED" },
              { name: "row", type: "STRING" },
            ],
          },
          backend,
          method,
        }),
      );
      failed.length = 0;
    },
  };
}

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x)) ?? String(v);
  } catch {
    return String(v);
  }
}
