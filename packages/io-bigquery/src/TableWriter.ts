import type { CanonicalRow } from "./CanonicalRow";
import type { PreparedWrites } from "./PreparedWrites";
import type { TableDestination } from "./TableDestination";
import type { WriteMethod } from "./WriteMethod";

/**
 * One validated row on its way to a table, with the insertId derived from its content, window
 * and pane (a replay of the same element reuses it).
 * @public
 */
export interface PendingRow {
  readonly row: CanonicalRow;
  readonly insertId: string;
  /** Estimated encoded size, for batching. */
  readonly bytes: number;
}

/** A row a write attempt rejected, by its index in the batch passed to `writeRows`. @public */
export interface RowError {
  readonly index: number;
  readonly reason: string;
}

/**
 * What one `writeRows` attempt did: every row not listed in `failed` or `retry` was written
 * (or was already there).
 * @public
 */
export interface WriteAttempt {
  /** Rows rejected for good (bad data): they go to failedRows, never retried. */
  readonly failed: readonly RowError[];
  /** Rows that hit a transient error and should be sent again (same insertIds). */
  readonly retry: readonly RowError[];
  /** Rows the service reported as already written (an offset replay): success, not duplicates. */
  readonly alreadyPresent: number;
}

/**
 * The service-provider interface behind `writeBigQuery`: one implementation per way of
 * writing (Storage Write API, insertAll, DuckDB). A writer makes ONE attempt per call; the
 * sink owns retries and backoff. A whole-batch failure is thrown (classified by
 * `classifyError`); per-row outcomes are returned.
 * @example
 * ```ts
 * const writer = await duckDbBackend().openWriter("STORAGE_WRITE_API");
 * await writer.prepareTable(dest);
 * const attempt = await writer.writeRows(dest, rows);
 * await writer.close();
 * ```
 * @public
 */
export interface TableWriter {
  readonly method: WriteMethod;
  /** Makes sure the table exists (creating it per the destination's disposition); idempotent. */
  prepareTable(dest: TableDestination): Promise<void>;
  /** Sends one batch; see {@link WriteAttempt}. */
  writeRows(dest: TableDestination, rows: readonly PendingRow[]): Promise<WriteAttempt>;
  /**
   * Two-phase writers only (opened with `{ twoPhaseCommit: true }`): seals the streams written
   * since the previous call — later rows go to new streams — and returns them, or null when
   * nothing was written. Synchronous: rows were already flushed by `writeRows`.
   */
  prepareCommit?(): PreparedWrites | null;
  /**
   * Two-phase writers only: makes the rows of `prepared` visible. Idempotent — streams already
   * committed are skipped — so it may run again after a restart with a checkpoint's data.
   */
  commit?(prepared: PreparedWrites): Promise<void>;
  /** Releases connections (and, for committed streams, finalizes them). Never commits pending streams. */
  close(): Promise<void>;
}
