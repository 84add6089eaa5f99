import { describe, expect, it } from "vitest";
import { RowValidator, SchemaError, type TableSchema } from "@tributary/io-bigquery";

const schema: TableSchema = {
  fields: [
    { name: "id", type: "INT64", mode: "REQUIRED" },
    { name: "name", type: "STRING" },
    { name: "score", type: "FLOAT64" },
    { name: "amount", type: "NUMERIC" },
    { name: "ts", type: "TIMESTAMP" },
    { name: "day", type: "DATE" },
    { name: "tags", type: "STRING", mode: "REPEATED" },
    { name: "attrs", type: "JSON" },
    { name: "geo", type: "RECORD", fields: [{ name: "country", type: "STRING", mode: "REQUIRED" }] },
  ],
};
const v = new RowValidator(schema);

function reason(row: unknown): string {
  const r = v.validate(row);
  if (r.ok) throw new Error(`expected a rejection for ${String(row)}`);
  return r.reason;
}

describe("RowValidator", () => {
  it("converts a valid row to canonical values in schema order", () => {
    const r = v.validate({
      ts: 1_700_000_000_123,
      id: 9007199254740993n,
      amount: "12.50",
      day: "2024-02-29",
      tags: ["a"],
      attrs: { x: 1 },
      geo: { country: "FR" },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.row)).toEqual(schema.fields.map((f) => f.name));
    expect(r.row).toEqual({
      id: 9007199254740993n,
      name: null,
      score: null,
      amount: "12.5",
      ts: 1_700_000_000_123_000n,
      day: "2024-02-29",
      tags: ["a"],
      attrs: '{"x":1}',
      geo: { country: "FR" },
    });
  });

  it("parses RFC 3339 timestamps with offsets and microseconds", () => {
    const r = v.validate({ id: 1, ts: "1970-01-01T01:00:00.000001+01:00" });
    expect(r.ok && r.row["ts"]).toBe(1n);
  });

  it("rejects a missing REQUIRED column, also nested", () => {
    expect(reason({ name: "x" })).toMatch(/^id: REQUIRED column is missing/);
    expect(reason({ id: 1, geo: {} })).toMatch(/^geo\.country: REQUIRED/);
  });

  it("rejects wrong types with what was expected", () => {
    expect(reason({ id: "abc" })).toMatch(/^id: expected INT64.*got string "abc"/);
    expect(reason({ id: 1, score: "1.5" })).toMatch(/^score: expected FLOAT64/);
    expect(reason({ id: 1, tags: "a" })).toMatch(/^tags: REPEATED column expects an array/);
  });

  it("rejects unknown fields and __proto__ keys from JSON", () => {
    expect(reason({ id: 1, extra: 2 })).toMatch(/^extra: no such column/);
    expect(reason(JSON.parse('{"id": 1, "__proto__": {"admin": true}}'))).toMatch(
      /^__proto__: no such column/,
    );
    expect(new RowValidator(schema, { ignoreUnknownValues: true }).validate({ id: 1, extra: 2 }).ok).toBe(
      true,
    );
  });

  it("rejects huge and invalid values", () => {
    expect(reason({ id: 2 ** 60 })).toMatch(/beyond 2\^53/);
    expect(reason({ id: 2n ** 63n })).toMatch(/outside INT64's range/);
    expect(reason({ id: 1, amount: "1.0000000001" })).toMatch(/more than 9 digits after the point/);
    expect(reason({ id: 1, day: "2023-02-29" })).toMatch(/not a valid date/);
    expect(reason({ id: 1, ts: new Date(Number.NaN) })).toMatch(/invalid \(NaN\)/);
    expect(reason({ id: 1, ts: "10000-01-01T00:00:00Z" })).toMatch(/not an RFC 3339/);
    expect(reason({ id: 1, name: "bad \uD800 surrogate" })).toMatch(/lone UTF-16 surrogate/);
    const big = new RowValidator(schema, { maxRowBytes: 1000 });
    const r = big.validate({ id: 1, name: "x".repeat(2000) });
    expect(r.ok ? "" : r.reason).toMatch(/over the 1000-byte limit/);
  });

  it("rejects rows that are not plain objects", () => {
    expect(reason(null)).toMatch(/expected an object/);
    expect(reason([1])).toMatch(/an array/);
    expect(reason(new Date())).toMatch(/a class instance/);
  });

  it("rejects malformed schemas at construction with the fix", () => {
    expect(() => new RowValidator({ fields: [] })).toThrow(SchemaError);
    expect(() => new RowValidator({ fields: [{ name: "a b", type: "STRING" }] })).toThrow(/rename it/);
    expect(() => new RowValidator({ fields: [{ name: "__proto__", type: "STRING" }] })).toThrow(
      /reserved name/,
    );
    expect(() => new RowValidator({ fields: [{ name: "a", type: "TEXT" as never }] })).toThrow(
      /unsupported type "TEXT"/,
    );
    expect(() => new RowValidator({ fields: [{ name: "r", type: "RECORD" }] })).toThrow(
      /needs its sub-fields/,
    );
  });
});
