import type { BigQuery } from "@google-cloud/bigquery";
import type { BigQueryTables } from "./BigQueryTables";
import type { TableDestination } from "./TableDestination";
import type { PendingRow, RowError, TableWriter, WriteAttempt } from "./TableWriter";
import { toServiceJson } from "./toServiceJson";

interface InsertErrors {
  readonly index: number;
  readonly errors?: ReadonlyArray<{
    readonly reason?: string;
    readonly message?: string;
    readonly location?: string;
  }>;
}

/** insertAll reasons that say the row itself is bad; any other row error is retried. */
const PERMANENT_ROW_REASONS = new Set(["invalid", "invalidQuery", "notFound", "accessDenied"]);

/**
 * A {@link TableWriter} on legacy streaming inserts (`tabledata.insertAll`) with the rows'
 * deterministic insertIds, so a retried row is deduplicated by BigQuery (best effort, about a
 * minute). Uses `skipInvalidRows`, so one bad row does not stop the good ones; rows reported
 * `invalid` go to failedRows, rows `stopped`/`backendError`/`timeout` are retried.
 * @public
 */
export class InsertAllTableWriter implements TableWriter {
  readonly method = "INSERT_ALL" as const;

  /** @internal use `bigQueryBackend(...).openWriter("INSERT_ALL")`. */
  constructor(
    private readonly bigquery: BigQuery,
    private readonly tables: BigQueryTables,
    private readonly defaultProjectId: string,
  ) {}

  prepareTable(dest: TableDestination): Promise<void> {
    return this.tables.prepare(dest);
  }

  async writeRows(dest: TableDestination, rows: readonly PendingRow[]): Promise<WriteAttempt> {
    const { datasetId, tableId } = dest.table;
    const projectId = dest.table.projectId ?? this.defaultProjectId;
    const table = this.bigquery.dataset(datasetId, { projectId }).table(tableId);
    const body = rows.map((r) => ({
      insertId: r.insertId,
      json: toServiceJson(dest.schema.fields, r.row, "insertAll"),
    }));
    const [response] = (await table.request({
      method: "POST",
      uri: "/insertAll",
      json: { rows: body, skipInvalidRows: true, ignoreUnknownValues: false },
    })) as unknown as [{ insertErrors?: readonly InsertErrors[] }];
    const failed: RowError[] = [];
    const retry: RowError[] = [];
    for (const e of response.insertErrors ?? []) {
      const details = e.errors ?? [];
      const reason =
        details
          .map((d) => `${d.reason ?? "error"}${d.location ? ` at ${d.location}` : ""}: ${d.message ?? ""}`)
          .join("; ") || "insertAll rejected the row";
      const permanent = details.some((d) => d.reason !== undefined && PERMANENT_ROW_REASONS.has(d.reason));
      (permanent ? failed : retry).push({ index: e.index, reason: `insertAll ${reason}` });
    }
    return { failed, retry, alreadyPresent: 0 };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
