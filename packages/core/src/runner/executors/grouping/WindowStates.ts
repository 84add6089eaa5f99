import type { BoundedWindow } from "../../../windowing/BoundedWindow";
import { KeyMap } from "../../KeyMap";
import { sameWindow } from "../../../windowing/sameWindow";
import type { KeyState, MergingState, WindowState, WindowTable } from "./WindowState";
import { newWindowTable } from "./newStates";

/** How many recently used window tables `WindowStates.table` checks before the map. */
const RECENT_TABLES = 4;

/**
 * Where a grouping step keeps its per-key-and-window states: merging windows by key (a key's
 * windows change as they merge), windows that never merge by window (a window's states are found
 * and garbage-collected together, and a key costs no map of its own). It only files states; the
 * executor creates them and decides when they merge or expire.
 * @internal
 */
export class WindowStates {
  /** The states of merging windows, by key. */
  private readonly keys = new KeyMap<KeyState>();
  /** The states of windows that never merge, by window id. */
  private readonly tables = new Map<string, WindowTable>();
  /**
   * The last few tables asked for. A stream in event-time order asks for the same few windows
   * again and again (a sliding window's element for each of its windows), each time in a window
   * object of its own: these are found by start and end, without building the window's id and
   * hashing it (over a quarter of a sliding-window count's time).
   */
  private readonly recent: WindowTable[] = [];
  /** Where the next table goes in `recent` once it is full. */
  private nextRecent = 0;
  /**
   * The key's merging windows, if it has any.
   * @throws when the key has no deterministic encoding.
   */
  keyState(key: unknown): KeyState | undefined {
    const last = this.lastKey;
    // `===` is the map's key equality for primitives (but NaN, which misses here and is found
    // there); only primitive keys are remembered (see `remember`).
    if (last !== undefined && last.key === key) return last;
    const ks = this.keys.get(key);
    if (ks !== undefined) this.remember(ks);
    return ks;
  }

  /** A key with no merging windows yet. */
  addKey(key: unknown): KeyState {
    const ks: KeyState = { key, windows: [], only: undefined };
    this.keys.set(key, ks);
    this.remember(ks);
    return ks;
  }

  /**
   * The merging windows of the key last looked up, while it has any: a stream whose keys come in
   * runs (a hot key) finds them with no map lookup. A key that is an object is found by its
   * encoding, which the object may have changed since, so it is never remembered.
   */
  private lastKey: KeyState | undefined;

  private remember(ks: KeyState): void {
    const key = ks.key;
    this.lastKey = typeof key === "object" && key !== null ? undefined : ks;
  }

  /**
   * The table last asked for, found by its window object alone: a stream asks for the same window
   * object again and again where its WindowFn hands out one (the global window). Checked before
   * anything else in a function small enough for V8 to inline into the grouping step.
   */
  private last: WindowTable | undefined;

  /** The table of a window that never merges, created when missing. */
  table(window: BoundedWindow): WindowTable {
    const last = this.last;
    return last !== undefined && last.window === window ? last : this.findTable(window);
  }

  /**
   * The windows array `tableOf` last served, and the tables of its windows found so far (by
   * index). A WindowFn that assigns an element several windows hands out one array for every
   * element of the same windows (a sliding window's, between two window starts): the element's
   * tables are then found by the array alone. `table`'s one-window cache and its few recent
   * tables would miss in turn as the element's windows take turns.
   */
  private cachedWindows: readonly BoundedWindow[] | undefined;
  private readonly cachedTables: Array<WindowTable | undefined> = [];

  /**
   * The table of `windows[i]` (a window that never merges), created when missing; `windows` is
   * one element's windows. Found through the array while elements come in the same one.
   */
  tableOf(windows: readonly BoundedWindow[], i: number): WindowTable {
    const tables = this.cachedTables;
    if (windows !== this.cachedWindows) {
      this.cachedWindows = windows;
      tables.length = windows.length;
      tables.fill(undefined);
    }
    // A table is found (or created) only when the element is added to its window: a window the
    // element is too late for gets no table.
    return tables[i] ?? (tables[i] = this.table(windows[i]!));
  }

  /** {@link table} past its first check: the recent tables, then the map. */
  private findTable(window: BoundedWindow): WindowTable {
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      const t = recent[i]!;
      if (sameWindow(t.window, window)) return (this.last = t);
    }
    let table = this.tables.get(window.id);
    if (!table) this.tables.set(window.id, (table = newWindowTable(window)));
    if (recent.length < RECENT_TABLES) recent.push(table);
    else {
      recent[this.nextRecent] = table;
      this.nextRecent = (this.nextRecent + 1) % RECENT_TABLES;
    }
    return (this.last = table);
  }

  /** Every state, of merging windows and of the others. */
  *all(): IterableIterator<WindowState> {
    for (const ks of this.keys.values()) yield* ks.windows;
    for (const table of this.tables.values()) yield* table.states.values();
  }

  clear(): void {
    this.keys.clear();
    this.lastKey = undefined;
    this.tables.clear();
    this.recent.length = 0;
    this.last = undefined;
    this.cachedWindows = undefined;
  }

  /** The key's state of `window` among merging windows (at most one: `put` keeps it so). */
  stateOf(ks: KeyState, window: BoundedWindow): MergingState | undefined {
    for (const ws of ks.windows) if (sameWindow(ws.window, window)) return ws;
    return undefined;
  }

  /** Makes `ws` the key's state of its merging window; a state it displaces (of the same window) becomes stale. */
  put(ks: KeyState, ws: MergingState): void {
    if (ks.only === ws) return; // already the key's one state: nothing to displace
    for (const other of ks.windows)
      if (other !== ws && sameWindow(other.window, ws.window)) {
        this.remove(ks, other);
        break;
      }
    if (ks.windows.length === 0) ks.windows = [ws];
    else if (!ks.windows.includes(ws)) ks.windows.push(ws);
    ks.only = ks.windows.length === 1 ? ws : undefined;
  }

  /** Removes the merging window's state `ws` from its key's windows: its queued timers and holds become stale. */
  remove(ks: KeyState, ws: MergingState): void {
    const i = ks.windows.indexOf(ws);
    if (i >= 0) ks.windows.splice(i, 1);
    ks.only = ks.windows.length === 1 ? ks.windows[0] : undefined;
    ws.live = false;
  }

  /** Garbage-collects `ws`: removes it (and its key or window once empty); its queued timers and holds become stale. */
  collect(ws: WindowState): void {
    const ks = ws.keyState;
    if (ks) {
      this.remove(ks, ws);
      if (ks.windows.length === 0) {
        this.keys.delete(ks.key);
        if (this.lastKey === ks) this.lastKey = undefined;
      }
      return;
    }
    ws.live = false;
    const table = ws.table;
    if (table.states.get(ws.key) !== ws) return;
    table.states.delete(ws.key);
    if (table.states.size === 0) {
      this.tables.delete(table.window.id);
      // A table out of the map must not be found again: a later state of its window needs a new one.
      const i = this.recent.indexOf(table);
      if (i >= 0) this.recent.splice(i, 1);
      if (this.last === table) this.last = undefined;
      if (this.cachedTables.includes(table)) this.cachedWindows = undefined;
    }
  }
}
