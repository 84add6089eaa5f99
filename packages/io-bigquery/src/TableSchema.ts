/**
 * A BigQuery column type, by its standard SQL name. The legacy names (`INTEGER`, `FLOAT`,
 * `BOOLEAN`, `STRUCT`) are accepted too and mean the same thing.
 * @public
 */
export type FieldType =
  | "STRING"
  | "BYTES"
  | "INT64"
  | "INTEGER"
  | "FLOAT64"
  | "FLOAT"
  | "NUMERIC"
  | "BIGNUMERIC"
  | "BOOL"
  | "BOOLEAN"
  | "TIMESTAMP"
  | "DATE"
  | "TIME"
  | "DATETIME"
  | "JSON"
  | "GEOGRAPHY"
  | "RECORD"
  | "STRUCT";

/**
 * Whether a column may be null (NULLABLE, the default), must be set (REQUIRED), or holds an
 * array (REPEATED; a missing or null value is written as an empty array).
 * @public
 */
export type FieldMode = "NULLABLE" | "REQUIRED" | "REPEATED";

/**
 * One column of a {@link TableSchema}, in BigQuery's JSON shape (`tables.insert`'s
 * `schema.fields[]`). RECORD columns list their sub-fields in `fields`.
 * @example
 * ```ts
 * const field: TableFieldSchema = { name: "user_id", type: "STRING", mode: "REQUIRED" };
 * ```
 * @public
 */
export interface TableFieldSchema {
  readonly name: string;
  readonly type: FieldType;
  readonly mode?: FieldMode;
  readonly description?: string;
  /** Sub-fields of a RECORD column. */
  readonly fields?: readonly TableFieldSchema[];
}

/**
 * A table's columns, in BigQuery's JSON shape.
 * @example
 * ```ts
 * const schema: TableSchema = {
 *   fields: [
 *     { name: "page", type: "STRING", mode: "REQUIRED" },
 *     { name: "views", type: "INT64" },
 *     { name: "window_start", type: "TIMESTAMP" },
 *   ],
 * };
 * ```
 * @public
 */
export interface TableSchema {
  readonly fields: readonly TableFieldSchema[];
}
