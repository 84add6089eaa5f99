import type { FieldType } from "./TableSchema";

/**
 * A column type under its one standard SQL name: what {@link standardType} maps the legacy
 * aliases to.
 * @public
 */
export type StandardType =
  | "STRING"
  | "BYTES"
  | "INT64"
  | "FLOAT64"
  | "NUMERIC"
  | "BIGNUMERIC"
  | "BOOL"
  | "TIMESTAMP"
  | "DATE"
  | "TIME"
  | "DATETIME"
  | "JSON"
  | "GEOGRAPHY"
  | "RECORD";

const ALIASES: Readonly<Record<FieldType, StandardType>> = {
  STRING: "STRING",
  BYTES: "BYTES",
  INT64: "INT64",
  INTEGER: "INT64",
  FLOAT64: "FLOAT64",
  FLOAT: "FLOAT64",
  NUMERIC: "NUMERIC",
  BIGNUMERIC: "BIGNUMERIC",
  BOOL: "BOOL",
  BOOLEAN: "BOOL",
  TIMESTAMP: "TIMESTAMP",
  DATE: "DATE",
  TIME: "TIME",
  DATETIME: "DATETIME",
  JSON: "JSON",
  GEOGRAPHY: "GEOGRAPHY",
  RECORD: "RECORD",
  STRUCT: "RECORD",
};

/**
 * The standard name of a column type (`INTEGER` → `INT64`, `STRUCT` → `RECORD`, ...), or
 * undefined when `type` is not a BigQuery type this sink supports.
 * @example
 * ```ts
 * standardType("INTEGER"); // "INT64"
 * ```
 * @public
 */
export function standardType(type: string): StandardType | undefined {
  return Object.hasOwn(ALIASES, type) ? ALIASES[type as FieldType] : undefined;
}
