/** True when `x` is a promise (or any thenable) rather than a value. @internal */
export function isPromiseLike<T>(x: T | PromiseLike<T>): x is PromiseLike<T> {
  return typeof (x as { then?: unknown } | null | undefined)?.then === "function";
}
