import { globalWindowCoder } from "../coders";
import type { Coder } from "../coders/Coder";
import type { BoundedWindow } from "./BoundedWindow";
import { GlobalWindow } from "./GlobalWindow";
import type { WindowFn } from "./WindowFn";

/**
 * Shared by every element, so read-only (by type: a frozen array would make every `for … of` over
 * an element's windows several times slower in V8).
 */
const ONE: readonly GlobalWindow[] = [GlobalWindow.INSTANCE];

/**
 * Assigns every element to the single {@link GlobalWindow}: the default windowing.
 * @public
 */
export class GlobalWindows implements WindowFn<GlobalWindow> {
  static readonly INSTANCE = new GlobalWindows();
  readonly assignsToOneWindow = true;
  readonly windowCoder: Coder<GlobalWindow> = globalWindowCoder;

  private constructor() {}

  assignWindows(): readonly GlobalWindow[] {
    return ONE;
  }

  sideInputWindow(): GlobalWindow {
    return GlobalWindow.INSTANCE;
  }

  isCompatible(other: WindowFn<BoundedWindow>): boolean {
    return other instanceof GlobalWindows;
  }

  toString(): string {
    return "globalWindows()";
  }
}

/** The global windowing. @public */
export function globalWindows(): GlobalWindows {
  return GlobalWindows.INSTANCE;
}
