/**
 * How rows reach BigQuery:
 * - `STORAGE_WRITE_API`: Storage Write API on an application-created COMMITTED stream per
 *   table with explicit offsets; a replay at an offset already written answers ALREADY_EXISTS,
 *   which counts as success, so retries add no duplicates (exactly-once per stream).
 * - `STORAGE_WRITE_API_AT_LEAST_ONCE`: the table's `_default` stream, no offsets; a retry
 *   after a lost acknowledgement can duplicate rows.
 * - `INSERT_ALL`: legacy `tabledata.insertAll` with deterministic insertIds, which BigQuery
 *   uses for best-effort deduplication (about a minute).
 * @public
 */
export type WriteMethod = "STORAGE_WRITE_API" | "STORAGE_WRITE_API_AT_LEAST_ONCE" | "INSERT_ALL";

/** Every {@link WriteMethod}, for validation and docs. @public */
export const WRITE_METHODS: readonly WriteMethod[] = [
  "STORAGE_WRITE_API",
  "STORAGE_WRITE_API_AT_LEAST_ONCE",
  "INSERT_ALL",
];
