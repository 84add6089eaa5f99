/**
 * A validated, converted column value, one representation per type so that every writer
 * encodes it the same way: INT64 `bigint`; FLOAT64 `number`; NUMERIC and BIGNUMERIC a decimal
 * `string`; BOOL `boolean`; STRING, GEOGRAPHY `string`; BYTES `Uint8Array`; TIMESTAMP
 * `bigint` microseconds since the epoch; DATE `"YYYY-MM-DD"`; TIME `"HH:MM:SS[.ffffff]"`;
 * DATETIME `"YYYY-MM-DD HH:MM:SS[.ffffff]"`; JSON its serialized text; RECORD a
 * {@link CanonicalRow}; REPEATED an array of those.
 * @public
 */
export type CanonicalValue =
  null | string | number | bigint | boolean | Uint8Array | CanonicalRow | readonly CanonicalValue[];

/**
 * A row that passed validation: exactly the schema's columns, in schema order, converted to
 * {@link CanonicalValue}s (null for a missing NULLABLE column, `[]` for a missing REPEATED one).
 * @public
 */
export interface CanonicalRow {
  readonly [column: string]: CanonicalValue;
}
