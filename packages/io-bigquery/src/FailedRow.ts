import type { WriteMethod } from "./WriteMethod";

/**
 * A row the sink could not write, with why: what `writeBigQuery(...).failedRows` carries.
 * Permanent failures (invalid row, schema mismatch, missing table) arrive here at once;
 * transient ones only after the retry policy gave up.
 * @public
 */
export interface FailedRow<T> {
  /** The input element. */
  readonly element: T;
  /** The row as `formatRow` produced it (undefined when formatting itself failed). */
  readonly row: unknown;
  /** The destination, as `project:dataset.table` or `dataset.table` ("" when it could not be resolved). */
  readonly table: string;
  readonly reason: string;
  readonly method: WriteMethod;
  /** Write attempts made (0 when the row was rejected before sending). */
  readonly attempts: number;
}
