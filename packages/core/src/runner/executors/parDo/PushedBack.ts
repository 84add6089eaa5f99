import type { Coder } from "../../../coders/Coder";
import { decodeFromBytes } from "../../../coders/decodeFromBytes";
import { encodeToBytes } from "../../../coders/encodeToBytes";
import type { Instant } from "../../../time/Instant";
import type { PaneInfo } from "../../../values/PaneInfo";
import type { BoundedWindow } from "../../../windowing/BoundedWindow";
import { sameWindow } from "../../../windowing/sameWindow";

/** Elements per chunk: 2^11, so a chunk of values (16 KiB) stays a regular young object. */
const CHUNK_BITS = 11;
const CHUNK = 1 << CHUNK_BITS;
const OFFSET_MASK = CHUNK - 1;

/**
 * The held-back elements of one main-input window, column by column and in fixed-size chunks.
 * Column by column: one slot per element in each column rather than an object per element, so
 * a window that waits long for its side input keeps no per-element objects alive (they would be
 * copied and promoted by every scavenge). In chunks: a window can hold 100,000 elements, and
 * one growing array of that length lives in V8's large-object space, where every growth is a new
 * allocation and a copy (pushing to it costs about three times a push to a short array); a chunk
 * is allocated once at its final size and never copied.
 * @internal
 */
export class WaitingGroup {
  /** `[window]`, shared by the group's elements when they are processed. */
  readonly windows: readonly BoundedWindow[];
  /** The earliest timestamp in the group: the step's output watermark is held there. */
  minTimestamp: Instant;
  /** How many elements the group holds. */
  size = 0;
  private readonly valueChunks: unknown[][] = [];
  private readonly timestampChunks: Float64Array[] = [];
  private readonly paneChunks: PaneInfo[][] = [];
  private values: unknown[] = [];
  private timestamps = new Float64Array(0);
  private panes: PaneInfo[] = [];

  constructor(
    readonly window: BoundedWindow,
    firstTimestamp: Instant,
  ) {
    this.windows = [window];
    this.minTimestamp = firstTimestamp;
  }

  add(value: unknown, timestamp: Instant, pane: PaneInfo): void {
    const offset = this.size & OFFSET_MASK;
    if (offset === 0) this.newChunk();
    this.values[offset] = value;
    this.timestamps[offset] = timestamp;
    this.panes[offset] = pane;
    this.size++;
    if (timestamp < this.minTimestamp) this.minTimestamp = timestamp;
  }

  /** The value of the `i`-th element held (0 ≤ i < size), in arrival order. */
  value(i: number): unknown {
    return this.valueChunks[i >>> CHUNK_BITS]![i & OFFSET_MASK];
  }

  timestamp(i: number): Instant {
    return this.timestampChunks[i >>> CHUNK_BITS]![i & OFFSET_MASK]!;
  }

  pane(i: number): PaneInfo {
    return this.paneChunks[i >>> CHUNK_BITS]![i & OFFSET_MASK]!;
  }

  private newChunk(): void {
    this.values = new Array<unknown>(CHUNK);
    this.timestamps = new Float64Array(CHUNK);
    this.panes = new Array<PaneInfo>(CHUNK);
    this.valueChunks.push(this.values);
    this.timestampChunks.push(this.timestamps);
    this.paneChunks.push(this.panes);
  }
}

/** The plain-data form of held-back elements, as checkpoints keep them: windows encoded. @internal */
export type PushedBackSnapshot = ReadonlyArray<{
  readonly value: unknown;
  readonly timestamp: number;
  readonly window: Uint8Array;
  readonly pane: PaneInfo;
}>;

/**
 * Main-input elements of a ParDo with side inputs, waiting for their side-input windows, grouped
 * by main window so that readiness is checked once per window.
 * @internal
 */
export class PushedBack {
  private readonly groups = new Map<string, WaitingGroup>();
  /**
   * The group last added to: the elements of one window arrive together, often each in a window
   * object of its own (equal windows, found by start and end without building an id).
   */
  private last: WaitingGroup | undefined;

  get size(): number {
    return this.groups.size;
  }

  /** Holds back one element of `window`. */
  add(value: unknown, timestamp: Instant, window: BoundedWindow, pane: PaneInfo): void {
    const last = this.last;
    let group = last !== undefined && sameWindow(last.window, window) ? last : this.groups.get(window.id);
    if (!group) {
      group = new WaitingGroup(window, timestamp);
      this.groups.set(window.id, group);
    }
    this.last = group;
    group.add(value, timestamp, pane);
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
    // Asked once per bundle, mostly with nothing held back: no iterator made then.
    if (this.groups.size === 0) return Infinity;
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
      for (let i = 0; i < g.size; i++)
        yield { value: g.value(i), timestamp: g.timestamp(i), window: g.window, pane: g.pane(i) };
  }

  clear(): void {
    this.groups.clear();
    this.last = undefined;
  }

  /** Every held-back element as plain data, in processing order, its window encoded by `windowCoder`. */
  snapshot(windowCoder: Coder<BoundedWindow>): PushedBackSnapshot {
    return [...this.elements()].map((e) => ({
      value: e.value,
      timestamp: e.timestamp,
      window: encodeToBytes(windowCoder, e.window),
      pane: e.pane,
    }));
  }

  /** Replaces the held-back elements with those of `snapshot`. */
  restore(snapshot: PushedBackSnapshot, windowCoder: Coder<BoundedWindow>): void {
    this.clear();
    for (const e of snapshot) this.add(e.value, e.timestamp, decodeFromBytes(windowCoder, e.window), e.pane);
  }
}
