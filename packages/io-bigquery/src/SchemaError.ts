/**
 * Thrown when a pipeline is built with a table schema or sink option BigQuery would reject;
 * the message names the problem and the fix.
 * @example
 * ```ts
 * try { writeBigQuery({ table: "ds.t", schema: { fields: [] }, backend }); }
 * catch (e) { if (e instanceof SchemaError) console.error(e.message); }
 * ```
 * @public
 */
export class SchemaError extends Error {
  override readonly name = "SchemaError";
}
