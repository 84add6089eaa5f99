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

/** What a library element-wise DoFn does with an element, as a plain function of it. @internal */
export type ElementFunction =
  | { readonly kind: "map"; readonly fn: (element: unknown) => unknown }
  | { readonly kind: "filter"; readonly fn: (element: unknown) => boolean }
  | { readonly kind: "withKeys"; readonly fn: (element: unknown) => unknown };

const elementFunctions = new WeakMap<object, ElementFunction>();

/**
 * Records that `doFn` (a window-blind DoFn of the library's `map`, `filter` or `withKeys`) does
 * nothing but `f` to each element and its context: the runner may then call `f` itself, without
 * the DoFn's context (see ParDoExecutor's `processDirect`). The DoFn stays what runs otherwise.
 * @internal
 */
export function elementFunction<F extends object>(doFn: F, f: ElementFunction): F {
  elementFunctions.set(doFn, f);
  return doFn;
}

/** The plain function recorded for `doFn` by {@link elementFunction}, if any. @internal */
export function elementFunctionOf(doFn: object): ElementFunction | undefined {
  return elementFunctions.get(doFn);
}
