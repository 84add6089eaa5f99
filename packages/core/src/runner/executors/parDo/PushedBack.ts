import type { Instant } from "../../../time/Instant";
import type { PaneInfo } from "../../../values/PaneInfo";
import type { BoundedWindow } from "../../../windowing/BoundedWindow";

/**
 * The held-back elements of one main-input window, column by column: one slot per element in
 * each array rather than an object per element, so a window that waits long for its side input
 * keeps no per-element objects alive (they would be copied and promoted by every scavenge).
 * @internal
 */
export interface WaitingGroup {
  readonly window: BoundedWindow;
  /** `[window]`, shared by the group's elements when they are processed. */
  readonly windows: readonly BoundedWindow[];
  readonly values: unknown[];
  readonly timestamps: Instant[];
  readonly panes: PaneInfo[];
  /** The earliest timestamp in the group: the step's output watermark is held there. */
  minTimestamp: Instant;
}

/**
 * Main-input elements of a ParDo with side inputs, waiting for their side-input windows, grouped
 * by main window so that readiness is checked once per window.
 * @internal
 */
export class PushedBack {
  private readonly groups = new Map<string, WaitingGroup>();
  /** The group last added to: the elements of one window arrive together. */
  private last: WaitingGroup | undefined;

  get size(): number {
    return this.groups.size;
  }

  /** Holds back one element of `window`. */
  add(value: unknown, timestamp: Instant, window: BoundedWindow, pane: PaneInfo): void {
    let group = this.last?.window === window ? this.last : this.groups.get(window.id);
    if (!group) {
      group = { window, windows: [window], values: [], timestamps: [], panes: [], minTimestamp: timestamp };
      this.groups.set(window.id, group);
    }
    this.last = group;
    group.values.push(value);
    group.timestamps.push(timestamp);
    group.panes.push(pane);
    if (timestamp < group.minTimestamp) group.minTimestamp = timestamp;
  }

  /** Removes and returns the groups whose window is now `ready`, oldest group first. */
  takeReady(ready: (window: BoundedWindow) => boolean): WaitingGroup[] {
    const taken: WaitingGroup[] = [];
    for (const [id, group] of this.groups) {
      if (!ready(group.window)) continue;
      this.groups.delete(id);
      if (this.last === group) this.last = undefined;
      taken.push(group);
    }
    return taken;
  }

  /** The earliest timestamp of a held-back element, or Infinity. */
  minTimestamp(): Instant {
    let min = Infinity;
    for (const group of this.groups.values()) if (group.minTimestamp < min) min = group.minTimestamp;
    return min;
  }

  /** Every held-back element, in the order it will be processed (for checkpoints). */
  *elements(): IterableIterator<{
    value: unknown;
    timestamp: Instant;
    window: BoundedWindow;
    pane: PaneInfo;
  }> {
    for (const g of this.groups.values())
      for (let i = 0; i < g.values.length; i++)
        yield { value: g.values[i], timestamp: g.timestamps[i]!, window: g.window, pane: g.panes[i]! };
  }

  clear(): void {
    this.groups.clear();
    this.last = undefined;
  }
}
