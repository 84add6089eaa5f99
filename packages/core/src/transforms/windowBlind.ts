/** The DoFns that never look at the window they run in. */
const blind = new WeakSet<object>();

/**
 * Marks a DoFn whose `process` never reads `ctx.window` (the library's `map`, `filter`,
 * `withKeys`, …, whose user function sees only the element). The runner then calls it once for
 * an element in several windows (a sliding window's), and its outputs keep all those windows,
 * as Beam does for a DoFn that does not observe its window; any other DoFn is called once per
 * window.
 * @internal
 */
export function windowBlind<F extends object>(fn: F): F {
  blind.add(fn);
  return fn;
}

/** True for a DoFn marked by {@link windowBlind}. @internal */
export function isWindowBlind(fn: object): boolean {
  return blind.has(fn);
}
