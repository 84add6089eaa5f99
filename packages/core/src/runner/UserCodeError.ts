import { describeValue } from "../coders/describeValue";

/**
 * An error thrown by user code (a DoFn, a CombineFn, a key function) while the pipeline ran,
 * wrapped with the step's name and the element being processed. The original error is `cause`.
 * @public
 */
export class UserCodeError extends Error {
  override readonly name = "UserCodeError";
  constructor(
    readonly step: string,
    readonly element: unknown,
    cause: unknown,
  ) {
    super(
      `step ${step} failed on element ${describeValue(element)}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}
