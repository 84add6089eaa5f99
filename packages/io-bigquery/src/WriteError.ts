/**
 * An error a {@link TableWriter} throws when it already knows whether retrying can help:
 * `transient` errors are retried with backoff, permanent ones send the batch to failedRows.
 * @example
 * ```ts
 * throw new WriteError("table ds.t does not exist and createDisposition is CREATE_NEVER; create it first", false);
 * ```
 * @public
 */
export class WriteError extends Error {
  override readonly name = "WriteError";
  constructor(
    message: string,
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
