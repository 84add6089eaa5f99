import { standardType } from "./StandardType";
import type { TableLayout } from "./TableLayout";
import type { TableFieldSchema, TableSchema } from "./TableSchema";

/** Quotes a DuckDB identifier. @internal */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a DuckDB string literal. @internal */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function columnType(f: TableFieldSchema): string {
  let t: string;
  switch (standardType(f.type)) {
    case "STRING":
    case "GEOGRAPHY":
      t = "VARCHAR";
      break;
    case "BYTES":
      t = "BLOB";
      break;
    case "INT64":
      t = "BIGINT";
      break;
    case "FLOAT64":
      t = "DOUBLE";
      break;
    case "NUMERIC":
      t = "DECIMAL(38, 9)";
      break;
    case "BIGNUMERIC":
      t = "VARCHAR"; // DuckDB decimals stop at 38 digits; BIGNUMERIC keeps its text
      break;
    case "BOOL":
      t = "BOOLEAN";
      break;
    case "TIMESTAMP":
      t = "TIMESTAMPTZ";
      break;
    case "DATE":
      t = "DATE";
      break;
    case "TIME":
      t = "TIME";
      break;
    case "DATETIME":
      t = "TIMESTAMP";
      break;
    case "JSON":
      t = "JSON";
      break;
    case "RECORD":
      t = `STRUCT(${(f.fields ?? []).map((s) => `${quoteIdent(s.name)} ${columnType(s)}`).join(", ")})`;
      break;
    case undefined:
      throw new Error(`unsupported type ${f.type}`);
  }
  return f.mode === "REPEATED" ? `${t}[]` : t;
}

/**
 * The DuckDB DDL that plays BigQuery's `tables.insert`: the dataset becomes a schema, each
 * column its closest DuckDB type (TIMESTAMP → TIMESTAMPTZ, NUMERIC → DECIMAL(38,9), RECORD →
 * STRUCT, REPEATED → LIST, BIGNUMERIC and GEOGRAPHY → VARCHAR), REQUIRED → NOT NULL; time
 * partitioning and clustering are recorded in the table's comment.
 * @internal
 */
export function duckDbCreateTable(
  schemaName: string,
  tableName: string,
  schema: TableSchema,
  layout: TableLayout,
): string[] {
  const qualified = `${quoteIdent(schemaName)}.${quoteIdent(tableName)}`;
  const columns = schema.fields.map(
    (f) => `${quoteIdent(f.name)} ${columnType(f)}${f.mode === "REQUIRED" ? " NOT NULL" : ""}`,
  );
  const statements = [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schemaName)}`,
    `CREATE TABLE IF NOT EXISTS ${qualified} (${columns.join(", ")})`,
  ];
  const notes: string[] = [];
  if (layout.timePartitioning) {
    const p = layout.timePartitioning;
    notes.push(
      `timePartitioning=${p.type}(${p.field ?? "_PARTITIONTIME"})${p.expirationMs === undefined ? "" : ` expirationMs=${p.expirationMs}`}`,
    );
  }
  if (layout.clustering && layout.clustering.length > 0)
    notes.push(`clustering=${layout.clustering.join(",")}`);
  if (notes.length > 0) statements.push(`COMMENT ON TABLE ${qualified} IS ${quoteLiteral(notes.join("; "))}`);
  return statements;
}
