import { globalWindowCoder } from "../coders";
import type { Coder } from "../coders/Coder";
import type { BoundedWindow } from "./BoundedWindow";
import { GlobalWindow } from "./GlobalWindow";
import type { WindowFn } from "./WindowFn";

const ONE: readonly GlobalWindow[] = Object.freeze([GlobalWindow.INSTANCE]);

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
