/**
 * Prints a user function argument of a combiner as code: its name, or `anonymous` for an
 * unnamed function, e.g. `combiners.top(3, byScore)`.
 * @internal
 */
export function describeFunction(fn: (...args: never[]) => unknown): string {
  return fn.name !== "" ? fn.name : "anonymous";
}
