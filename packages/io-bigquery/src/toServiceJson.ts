import type { CanonicalRow, CanonicalValue } from "./CanonicalRow";
import { epochDays, formatTimestampMicros } from "./convertFieldValue";
import { standardType } from "./StandardType";
import type { TableFieldSchema } from "./TableSchema";

/** The two wire forms: insertAll's JSON (REST) and the Storage Write API's proto-JSON rows. */
type Wire = "insertAll" | "storage";

function scalar(f: TableFieldSchema, v: CanonicalValue, wire: Wire): unknown {
  if (v === null) return null;
  switch (standardType(f.type)) {
    case "INT64":
      return (v as bigint).toString();
    case "FLOAT64": {
      const n = v as number;
      return wire === "insertAll" && !Number.isFinite(n) ? String(n) : n;
    }
    case "TIMESTAMP":
      return wire === "insertAll" ? formatTimestampMicros(v as bigint) : (v as bigint).toString();
    case "DATE":
      return wire === "insertAll" ? v : epochDays(v as string);
    case "BYTES":
      return wire === "insertAll" ? Buffer.from(v as Uint8Array).toString("base64") : v;
    case "RECORD":
      return toServiceJson(f.fields ?? [], v as CanonicalRow, wire);
    default:
      return v;
  }
}

/**
 * Encodes a canonical row for a BigQuery wire: `insertAll` (INT64 as decimal text, TIMESTAMP as
 * RFC 3339, BYTES as base64) or `storage` (the managed writer's proto-JSON: INT64 and TIMESTAMP
 * microseconds as decimal text, exact beyond 2^53; DATE as epoch days).
 * @internal
 */
export function toServiceJson(
  fields: readonly TableFieldSchema[],
  row: CanonicalRow,
  wire: Wire,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = row[f.name] ?? null;
    if (f.mode === "REPEATED") out[f.name] = (v as readonly CanonicalValue[]).map((x) => scalar(f, x, wire));
    else if (v !== null) out[f.name] = scalar(f, v, wire);
  }
  return out;
}
