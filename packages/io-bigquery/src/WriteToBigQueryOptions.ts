import type { BoundedWindow, Instant, PaneInfo } from "@tributary/core";
import type { RetryPolicy } from "./RetryPolicy";
import type { TableLayout } from "./TableLayout";
import type { TableReference } from "./TableReference";
import type { TableSchema } from "./TableSchema";
import type { WriteBackend } from "./WriteBackend";
import type { WriteMethod } from "./WriteMethod";

/** What a dynamic destination function sees besides the element. @public */
export interface DestinationContext {
  readonly timestamp: Instant;
  readonly window: BoundedWindow;
  readonly pane: PaneInfo;
}

/** Limits of one write request; the sink always flushes at the end of each bundle. @public */
export interface BatchingOptions {
  /** Rows per request (default 500 for INSERT_ALL, 10 000 for the Storage Write API). */
  readonly maxRows?: number;
  /** Estimated bytes per request (default 5 MB; BigQuery's limit is 10 MB). */
  readonly maxBytes?: number;
}

/**
 * Options of {@link writeBigQuery}.
 * @example
 * ```ts
 * const options: WriteToBigQueryOptions<Click> = {
 *   table: (c, { timestamp }) => `analytics.clicks_${new Date(timestamp).toISOString().slice(0, 10).replaceAll("-", "")}`,
 *   schema: { fields: [{ name: "user", type: "STRING", mode: "REQUIRED" }, { name: "ts", type: "TIMESTAMP" }] },
 *   formatRow: (c) => ({ user: c.user, ts: c.ts }),
 *   backend: duckDbBackend(),
 * };
 * ```
 * @public
 */
export interface WriteToBigQueryOptions<T> {
  /** A fixed table (`"dataset.table"`, `"project:dataset.table"` or a reference) or a function of the element (dynamic destinations). */
  readonly table:
    string | TableReference | ((element: T, context: DestinationContext) => string | TableReference);
  /** The table schema, or a function of the destination for dynamic destinations. */
  readonly schema: TableSchema | ((table: TableReference) => TableSchema);
  /** Where rows go: `bigQueryBackend(...)` or `duckDbBackend(...)`. */
  readonly backend: WriteBackend;
  /** Default `STORAGE_WRITE_API` (exactly-once). */
  readonly method?: WriteMethod;
  /**
   * Exactly-once across crashes and restarts, with the runner's checkpoints (two-phase commit;
   * STORAGE_WRITE_API only; default false). Rows go to PENDING streams, invisible until the
   * checkpoint that covers them is durable; then the runner commits them (again after a
   * restart: committing is idempotent). Turn it on only for runs with `checkpoints`: without
   * them nothing is ever committed. Without it, STORAGE_WRITE_API rows are visible when
   * appended, exactly-once across retries but replayed after a restart (at-least-once).
   */
  readonly twoPhaseCommit?: boolean;
  /** Turns an element into a row object (default: the element itself); the context gives its window, e.g. for a window_start column. */
  readonly formatRow?: (element: T, context: DestinationContext) => unknown;
  /**
   * A unique id per element (e.g. an event id) to use as insertId instead of the default hash
   * of row content, window and pane. Identical rows in different bundles get the same default
   * id, which insertAll's deduplication would collapse; pass this when such rows are distinct.
   */
  readonly insertId?: (element: T) => string;
  /** Default `CREATE_IF_NEEDED`. */
  readonly createDisposition?: "CREATE_IF_NEEDED" | "CREATE_NEVER";
  /** Default `WRITE_APPEND`. `WRITE_EMPTY` fails (to failedRows) a table that already has rows when first written. WRITE_TRUNCATE is not supported by a streaming sink. */
  readonly writeDisposition?: "WRITE_APPEND" | "WRITE_EMPTY";
  readonly timePartitioning?: TableLayout["timePartitioning"];
  readonly clustering?: TableLayout["clustering"];
  /** Drop fields the schema lacks instead of failing the row (default false). */
  readonly ignoreUnknownValues?: boolean;
  /** Largest accepted row, estimated (default 9 MiB). */
  readonly maxRowBytes?: number;
  readonly batching?: BatchingOptions;
  readonly retry?: RetryPolicy;
}
