import type { BoundedWindow } from "./BoundedWindow";
import { IntervalWindow } from "./IntervalWindow";

/**
 * True when `a` and `b` are the same window. Window functions build a new window object when
 * they cannot reuse their last one, so equal windows are often distinct objects: interval windows
 * are compared by start and end, without building (and hashing) their ids.
 * @internal
 */
export function sameWindow(a: BoundedWindow, b: BoundedWindow): boolean {
  if (a === b) return true;
  if (a instanceof IntervalWindow && b instanceof IntervalWindow)
    return a.start === b.start && a.end === b.end;
  return a.id === b.id;
}
