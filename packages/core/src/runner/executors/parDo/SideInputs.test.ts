import { describe, expect, it } from "vitest";
import type { PCollectionView } from "../../../transforms/PCollectionView";
import { NO_FIRING, paneInfo } from "../../../values/PaneInfo";
import type { BoundedWindow } from "../../../windowing/BoundedWindow";
import { GlobalWindow } from "../../../windowing/GlobalWindow";
import { SideInputs } from "./SideInputs";

/** A view in the global window whose value is the sum of its values, counting how often it is made. */
function sumView(): { view: PCollectionView<number>; made: () => number } {
  let made = 0;
  const view = {
    pcollection: { windowing: { windowFn: { sideInputWindow: (w: BoundedWindow) => w } } },
    materialize: (values: readonly unknown[]) => {
      made++;
      return (values as number[]).reduce((a, b) => a + b, 0);
    },
  } as unknown as PCollectionView<number>;
  return { view, made: () => made };
}

const GLOBAL = [GlobalWindow.INSTANCE];
const EARLY = paneInfo(true, false, "EARLY", 0, -1);

describe("SideInputs", () => {
  it("makes a view's value once per window and data, and again when more data arrives", () => {
    const { view, made } = sumView();
    const other = sumView();
    const sides = new SideInputs([view, other.view]);
    sides.receive(0, [{ value: 1, timestamp: 0, windows: GLOBAL, pane: EARLY }]);
    expect(sides.read<number>(0, GlobalWindow.INSTANCE)).toBe(1);
    expect(sides.read<number>(0, GlobalWindow.INSTANCE)).toBe(1);
    expect(made()).toBe(1);
    sides.receive(0, [
      { value: 2, timestamp: 0, windows: GLOBAL, pane: EARLY },
      { value: 3, timestamp: 0, windows: GLOBAL, pane: NO_FIRING },
    ]);
    expect(sides.read<number>(0, GlobalWindow.INSTANCE)).toBe(6);
    expect(sides.read<number>(0, GlobalWindow.INSTANCE)).toBe(6);
    expect(made()).toBe(2);
    // Each side input has its own data: the other view saw none of it.
    expect(sides.read<number>(1, GlobalWindow.INSTANCE)).toBe(0);
    expect(other.made()).toBe(1);
  });
});
