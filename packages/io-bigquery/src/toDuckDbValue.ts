import {
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTimeValue,
  listValue,
  structValue,
  type DuckDBValue,
} from "@duckdb/node-api";
import type { CanonicalRow, CanonicalValue } from "./CanonicalRow";
import { epochDays, timeOfDayMicros } from "./convertFieldValue";
import { standardType } from "./StandardType";
import type { TableFieldSchema } from "./TableSchema";

/** Scales a canonical NUMERIC text (≤ 9 fraction digits) to DECIMAL(38, 9)'s integer. */
function scaledDecimal(text: string): bigint {
  const negative = text.startsWith("-");
  const [int, frac = ""] = (negative ? text.slice(1) : text).split(".");
  const scaled = BigInt(int! + frac.padEnd(9, "0"));
  return negative ? -scaled : scaled;
}

function datetimeMicros(text: string): bigint {
  const ms = new Date(0).setUTCFullYear(
    Number(text.slice(0, 4)),
    Number(text.slice(5, 7)) - 1,
    Number(text.slice(8, 10)),
  );
  return BigInt(ms) * 1000n + timeOfDayMicros(text.slice(11));
}

function scalar(f: TableFieldSchema, v: CanonicalValue): DuckDBValue {
  if (v === null) return null;
  switch (standardType(f.type)) {
    case "BYTES":
      return new DuckDBBlobValue(v as Uint8Array);
    case "NUMERIC":
      return new DuckDBDecimalValue(scaledDecimal(v as string), 38, 9);
    case "TIMESTAMP":
      return new DuckDBTimestampTZValue(v as bigint);
    case "DATE":
      return new DuckDBDateValue(epochDays(v as string));
    case "TIME":
      return new DuckDBTimeValue(timeOfDayMicros(v as string));
    case "DATETIME":
      return new DuckDBTimestampValue(datetimeMicros(v as string));
    case "RECORD": {
      const row = v as CanonicalRow;
      const entries: Record<string, DuckDBValue> = {};
      for (const sub of f.fields ?? []) entries[sub.name] = toDuckDbValue(sub, row[sub.name] ?? null);
      return structValue(entries);
    }
    default:
      return v as string | number | bigint | boolean;
  }
}

/**
 * Converts one canonical column value to the DuckDB value the appender takes for the column
 * type that `duckDbCreateTable` gave it.
 * @internal
 */
export function toDuckDbValue(f: TableFieldSchema, v: CanonicalValue): DuckDBValue {
  if (f.mode === "REPEATED") return listValue((v as readonly CanonicalValue[]).map((x) => scalar(f, x)));
  return scalar(f, v);
}
