import { parDo, PTransform, type PCollection } from "@tributary/core";
import type { FailedRow } from "./FailedRow";
import { SchemaError } from "./SchemaError";
import { WRITE_METHODS } from "./WriteMethod";
import { WriteToBigQueryFn } from "./WriteToBigQueryFn";
import type { WriteToBigQueryOptions } from "./WriteToBigQueryOptions";

/** What applying {@link writeBigQuery} returns. @public */
export interface WriteToBigQueryResult<T> {
  /** Rows that could not be written, with the table and the reason (a dead-letter output). */
  readonly failedRows: PCollection<FailedRow<T>>;
}

/**
 * The BigQuery sink as a transform; build it with {@link writeBigQuery}.
 * @public
 */
export class WriteToBigQuery<T> extends PTransform<PCollection<T>, WriteToBigQueryResult<T>> {
  constructor(readonly options: WriteToBigQueryOptions<T>) {
    super("WriteToBigQuery");
    const o = options as Partial<WriteToBigQueryOptions<T>> & Record<string, unknown>;
    if (o.backend === undefined)
      throw new SchemaError(
        "writeBigQuery: pass a backend, e.g. bigQueryBackend({ projectId }) or duckDbBackend()",
      );
    if (o.table === undefined)
      throw new SchemaError('writeBigQuery: pass a table ("dataset.table") or a function of the element');
    if (o.schema === undefined) throw new SchemaError("writeBigQuery: pass a schema { fields: [...] }");
    if (o.method !== undefined && !WRITE_METHODS.includes(o.method)) {
      throw new SchemaError(
        `writeBigQuery: method ${JSON.stringify(o.method)} is not one of ${WRITE_METHODS.join(", ")}`,
      );
    }
    if ((o["writeDisposition"] as string | undefined) === "WRITE_TRUNCATE") {
      throw new SchemaError(
        "writeBigQuery: WRITE_TRUNCATE would drop rows earlier bundles wrote; use WRITE_APPEND (or WRITE_EMPTY) and truncate before the run",
      );
    }
    const clustering = o.clustering ?? [];
    if (clustering.length > 4)
      throw new SchemaError(
        "writeBigQuery: BigQuery clusters by at most 4 columns; drop some from clustering",
      );
    // Fail fast: a static schema and table are checked here, at construction.
    new WriteToBigQueryFn(options);
  }

  expand(input: PCollection<T>): WriteToBigQueryResult<T> {
    return { failedRows: input.apply("Write", parDo(new WriteToBigQueryFn(this.options))) };
  }

  override toString(): string {
    const t = this.options.table;
    const table =
      typeof t === "function" ? "<dynamic>" : typeof t === "string" ? JSON.stringify(t) : JSON.stringify(t);
    return `writeBigQuery({ table: ${table}, method: ${JSON.stringify(this.options.method ?? "STORAGE_WRITE_API")}, backend: ${this.options.backend.toString()} })`;
  }
}

/**
 * Writes a PCollection to BigQuery (or to the embedded DuckDB stand-in) and returns the rows it
 * could not write. Rows are validated against the schema before sending; writes happen in the
 * DoFn's `finishBundle` and are awaited there; transient errors are retried with backoff.
 * @throws SchemaError at construction for a malformed schema, table or option, naming the fix.
 * @example
 * ```ts
 * const { failedRows } = counts.apply(writeBigQuery({
 *   table: "analytics.page_views",
 *   schema: { fields: [{ name: "page", type: "STRING" }, { name: "views", type: "INT64" }] },
 *   formatRow: ({ key, value }) => ({ page: key, views: value }),
 *   backend: duckDbBackend(),
 * }));
 * ```
 * @public
 */
export function writeBigQuery<T>(options: WriteToBigQueryOptions<T>): WriteToBigQuery<T> {
  return new WriteToBigQuery(options);
}
