import { intervalWindowCoder } from "../coders";
import type { Instant } from "../time/Instant";
import type { BoundedWindow } from "./BoundedWindow";
import type { IntervalWindow } from "./IntervalWindow";
import { mergeOverlappingIntervals } from "./Sessions";
import type { WindowFn, WindowMerge } from "./WindowFn";

/**
 * What {@link customWindows} needs: a name (printed in graphs and errors) and an assignment;
 * optionally a merge (`"overlapping"` merges intersecting windows like sessions do) and a
 * side-input mapping.
 * @public
 */
export interface CustomWindowsSpec<E> {
  readonly name: string;
  readonly assign: (timestamp: Instant, element: E) => readonly IntervalWindow[];
  readonly merge?:
    "overlapping" | ((windows: readonly IntervalWindow[]) => ReadonlyArray<WindowMerge<IntervalWindow>>);
  readonly sideInputWindow?: (mainWindow: BoundedWindow) => IntervalWindow;
  readonly transformOutputTime?: (window: IntervalWindow, timestamp: Instant) => Instant;
}

/**
 * A user-defined WindowFn over interval windows, e.g. windows that follow business hours or
 * sessions whose gap depends on the element.
 * @example
 * ```ts
 * const perUserGap = customWindows<Click>({
 *   name: "perUserGap",
 *   assign: (t, click) => [new IntervalWindow(t, t + (click.premium ? 60_000 : 30_000))],
 *   merge: "overlapping",
 * });
 * ```
 * @public
 */
export function customWindows<E>(spec: CustomWindowsSpec<E>): WindowFn<IntervalWindow> {
  const merge = spec.merge === "overlapping" ? mergeOverlappingIntervals : spec.merge;
  const fn: WindowFn<IntervalWindow> = {
    assignWindows: (timestamp, element) => spec.assign(timestamp, element as E),
    ...(merge ? { mergeWindows: merge } : {}),
    ...(spec.transformOutputTime ? { transformOutputTime: spec.transformOutputTime } : {}),
    sideInputWindow: (w) => {
      if (!spec.sideInputWindow) throw new Error(`${spec.name} defines no side-input window mapping`);
      return spec.sideInputWindow(w);
    },
    windowCoder: intervalWindowCoder,
    assignsToOneWindow: false,
    isCompatible: (other) => (other as unknown) === fn,
    toString: () => `customWindows(${JSON.stringify(spec.name)})`,
  };
  return fn;
}
