import type { CanonicalRow, CanonicalValue } from "./CanonicalRow";
import { convertFieldValue, InvalidValueError } from "./convertFieldValue";
import { SchemaError } from "./SchemaError";
import { standardType, type StandardType } from "./StandardType";
import type { TableFieldSchema, TableSchema } from "./TableSchema";

/** What {@link RowValidator.validate} returns: the converted row, or why it was rejected. @public */
export type RowValidation =
  | { readonly ok: true; readonly row: CanonicalRow; readonly approximateBytes: number }
  | { readonly ok: false; readonly reason: string };

/** Options of a {@link RowValidator}. @public */
export interface RowValidatorOptions {
  /** Drop fields the schema does not declare instead of rejecting the row (default false). */
  readonly ignoreUnknownValues?: boolean;
  /** Rows larger than this (estimated encoded size) are rejected; default 9 MiB (BigQuery's request limit is 10 MB). */
  readonly maxRowBytes?: number;
}

interface CompiledField {
  readonly name: string;
  readonly type: StandardType;
  readonly mode: "NULLABLE" | "REQUIRED" | "REPEATED";
  readonly fields: readonly CompiledField[];
  readonly byName: ReadonlyMap<string, CompiledField>;
}

/** BigQuery column names: letters, digits, underscores, not starting with a digit, ≤ 300 chars. */
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,299}$/;
const RESERVED_PREFIXES = ["_TABLE_", "_FILE_", "_PARTITION", "_ROW_TIMESTAMP", "__ROOT__", "_COLIDENTIFIER"];
const MAX_NESTING = 15;

class RowRejection extends Error {}

function compileFields(fields: readonly TableFieldSchema[], where: string, depth: number): CompiledField[] {
  if (depth > MAX_NESTING)
    throw new SchemaError(
      `${where} nests RECORDs deeper than BigQuery's limit of ${MAX_NESTING}; flatten the schema`,
    );
  if (!((fields as unknown) instanceof Array) || fields.length === 0)
    throw new SchemaError(`${where} has no fields; declare at least one column`);
  const seen = new Set<string>();
  return fields.map((f) => {
    const path = where === "schema" ? f.name : `${where}.${f.name}`;
    if (typeof f.name !== "string" || !COLUMN_NAME.test(f.name)) {
      throw new SchemaError(
        `column ${JSON.stringify(f.name)}: names must match [A-Za-z_][A-Za-z0-9_]* (at most 300 characters); rename it`,
      );
    }
    if (f.name === "__proto__" || RESERVED_PREFIXES.some((p) => f.name.toUpperCase().startsWith(p))) {
      throw new SchemaError(`column ${JSON.stringify(path)} uses a reserved name; rename it`);
    }
    const lower = f.name.toLowerCase();
    if (seen.has(lower))
      throw new SchemaError(
        `column ${JSON.stringify(path)} is declared twice (names are case-insensitive); rename one`,
      );
    seen.add(lower);
    const type = standardType(f.type);
    if (type === undefined)
      throw new SchemaError(
        `column ${JSON.stringify(path)} has unsupported type ${JSON.stringify(f.type)}; use one of STRING, BYTES, INT64, FLOAT64, NUMERIC, BIGNUMERIC, BOOL, TIMESTAMP, DATE, TIME, DATETIME, JSON, GEOGRAPHY, RECORD`,
      );
    const mode = f.mode ?? "NULLABLE";
    if (mode !== "NULLABLE" && mode !== "REQUIRED" && mode !== "REPEATED") {
      throw new SchemaError(
        `column ${JSON.stringify(path)} has mode ${JSON.stringify(mode)}; use NULLABLE, REQUIRED or REPEATED`,
      );
    }
    let sub: CompiledField[] = [];
    if (type === "RECORD") {
      if (!f.fields)
        throw new SchemaError(`RECORD column ${JSON.stringify(path)} needs its sub-fields in \`fields\``);
      sub = compileFields(f.fields, path, depth + 1);
    } else if (f.fields && f.fields.length > 0) {
      throw new SchemaError(
        `column ${JSON.stringify(path)} is ${type} but lists sub-fields; make it RECORD or drop \`fields\``,
      );
    }
    return { name: f.name, type, mode, fields: sub, byName: new Map(sub.map((s) => [s.name, s])) };
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function sizeOf(v: CanonicalValue): number {
  if (v === null) return 1;
  switch (typeof v) {
    case "string":
      return v.length * 3 + 2; // UTF-8 worst case per UTF-16 unit, plus framing
    case "number":
    case "bigint":
      return 9;
    case "boolean":
      return 1;
    default:
      if (v instanceof Uint8Array) return v.length + 2;
      if (Array.isArray(v)) {
        let n = 2;
        for (const x of v as readonly CanonicalValue[]) n += sizeOf(x);
        return n;
      }
      {
        let n = 2;
        for (const x of Object.values(v)) n += sizeOf(x);
        return n;
      }
  }
}

/**
 * Checks rows against a {@link TableSchema} and converts them to {@link CanonicalRow}s before
 * anything is sent: missing REQUIRED columns, wrong types, unknown fields, out-of-range or
 * malformed values, oversized rows and `__proto__` keys all give a reason instead of a crash.
 * Construction validates the schema itself and throws a {@link SchemaError} naming the fix.
 * @example
 * ```ts
 * const v = new RowValidator({ fields: [{ name: "n", type: "INT64", mode: "REQUIRED" }] });
 * v.validate({ n: 3 });   // { ok: true, row: { n: 3n }, ... }
 * v.validate({ n: "x" }); // { ok: false, reason: 'n: expected INT64 ..., got string "x"' }
 * ```
 * @public
 */
export class RowValidator {
  private readonly fields: readonly CompiledField[];
  private readonly byName: ReadonlyMap<string, CompiledField>;
  private readonly ignoreUnknownValues: boolean;
  private readonly maxRowBytes: number;

  /** @throws SchemaError when the schema is not one BigQuery accepts. */
  constructor(
    readonly schema: TableSchema,
    options: RowValidatorOptions = {},
  ) {
    if (typeof schema !== "object" || schema === null)
      throw new SchemaError("schema must be an object { fields: [...] }");
    this.fields = compileFields(schema.fields, "schema", 1);
    this.byName = new Map(this.fields.map((f) => [f.name, f]));
    this.ignoreUnknownValues = options.ignoreUnknownValues ?? false;
    this.maxRowBytes = options.maxRowBytes ?? 9 * 1024 * 1024;
  }

  /** Validates and converts one row; never throws. */
  validate(row: unknown): RowValidation {
    try {
      const converted = this.convertRecord(row, this.fields, this.byName, "");
      const approximateBytes = sizeOf(converted);
      if (approximateBytes > this.maxRowBytes) {
        return {
          ok: false,
          reason: `row is about ${approximateBytes} bytes, over the ${this.maxRowBytes}-byte limit; split or trim it`,
        };
      }
      return { ok: true, row: converted, approximateBytes };
    } catch (e) {
      if (e instanceof RowRejection) return { ok: false, reason: e.message };
      return {
        ok: false,
        reason: `row could not be validated: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
  }

  private convertRecord(
    value: unknown,
    fields: readonly CompiledField[],
    byName: ReadonlyMap<string, CompiledField>,
    prefix: string,
  ): CanonicalRow {
    if (!isPlainObject(value)) {
      throw new RowRejection(
        `${prefix === "" ? "row" : prefix.slice(0, -1)}: expected an object of columns, got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "a class instance" : typeof value}`,
      );
    }
    for (const key of Object.keys(value)) {
      if (!byName.has(key) && !this.ignoreUnknownValues) {
        throw new RowRejection(
          `${prefix}${key}: no such column in the schema (unknown field); fix the row or set ignoreUnknownValues`,
        );
      }
    }
    const out: Record<string, CanonicalValue> = {};
    for (const f of fields) {
      const v = Object.hasOwn(value, f.name) ? value[f.name] : undefined;
      out[f.name] = this.convertField(f, v, prefix + f.name);
    }
    return out;
  }

  private convertField(f: CompiledField, v: unknown, path: string): CanonicalValue {
    if (f.mode === "REPEATED") {
      if (v === undefined || v === null) return [];
      if (!Array.isArray(v))
        throw new RowRejection(`${path}: REPEATED column expects an array, got ${typeof v}`);
      const out: CanonicalValue[] = new Array<CanonicalValue>(v.length);
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (x === null || x === undefined)
          throw new RowRejection(`${path}[${i}]: arrays cannot contain null in BigQuery; drop the element`);
        out[i] = this.convertOne(f, x, `${path}[${i}]`);
      }
      return out;
    }
    if (v === undefined || v === null) {
      if (f.mode === "REQUIRED") throw new RowRejection(`${path}: REQUIRED column is missing or null`);
      return null;
    }
    return this.convertOne(f, v, path);
  }

  private convertOne(f: CompiledField, v: unknown, path: string): CanonicalValue {
    if (f.type === "RECORD") return this.convertRecord(v, f.fields, f.byName, path + ".");
    try {
      return convertFieldValue(f.type, v);
    } catch (e) {
      if (e instanceof InvalidValueError) throw new RowRejection(`${path}: ${e.message}`);
      throw e;
    }
  }
}
