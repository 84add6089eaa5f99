import type { BoundedWindow } from "../../windowing/BoundedWindow";
import { copyCellData } from "./copyCellData";
import { SmallMap } from "./SmallMap";
import type { StateBackend, StateNamespace, StateSnapshot, TimerData } from "./StateBackend";
import { timerKey } from "./timerKey";

/** Whether `t` is the timer `timerId`/`tag`. */
const isTimer = (t: TimerData, timerId: string, tag: string): boolean =>
  t.timerId === timerId && t.tag === tag;

/**
 * A namespace's state: its cells by id (the entry is their map, one object less per namespace)
 * and its timers. Most namespaces have one timer at most (a key's expiry, a window's flush), so
 * one is a field of the entry and the others are in a map made with the second.
 */
class Entry extends SmallMap<unknown> {
  /** A timer of the namespace; undefined only when it has none (`timers` is then empty too). */
  timer: TimerData | undefined = undefined;
  /** The timers other than `timer`, by `timerKey`. */
  timers: SmallMap<TimerData> | undefined = undefined;

  constructor(readonly ns: StateNamespace) {
    super();
  }
}

/** An entry's timers: its own first, then the others in the order they were set. */
function entryTimers(e: Entry): TimerData[] {
  const others = e.timers ? [...e.timers.values()] : [];
  return e.timer === undefined ? others : [e.timer, ...others];
}

/**
 * How a namespace's key is filed within its window: a number as itself (Map's SameValueZero
 * makes `-0` equal `0` and every NaN equal, as the key's encoding does), any other key by its
 * encoding `keyId`. A number and a string never collide, so `1` stays apart from `"1"`.
 */
type KeySlot = number | string;
const keySlot = (ns: StateNamespace): KeySlot => (typeof ns.key === "number" ? ns.key : ns.keyId);

/**
 * Keeps state in memory, filed by window and then by key: the default backend.
 *
 * The two levels spare a lookup the string of key and window joined: a stateful DoFn's
 * namespaces mostly share a handful of windows (often just the global one), and a number key is
 * its own map key, so the common lookup builds no string at all.
 * @public
 */
export class InMemoryStateBackend implements StateBackend {
  /** Window id → key slot → entry; a window's map is removed with its last entry. */
  private readonly windows = new Map<string, Map<KeySlot, Entry>>();
  /**
   * The window last looked up and its map of keys (most lookups are in the window of the one
   * before, often the global window). Forgotten when a window's map is removed.
   */
  private lastWindow: BoundedWindow | undefined;
  private lastByKey: Map<KeySlot, Entry> | undefined;
  /**
   * The key slot last looked up in `lastWindow` and its entry, or undefined when it has none: a
   * DoFn touches several cells and timers of one element's namespace, and this spares looking it
   * up for each. Set by every lookup in a window that has entries and by the removal of an entry.
   * Kept by window and key, not by namespace object: an element's namespace is a new object, and
   * storing a young object into a long-lived one costs more than comparing two fields (V8's write
   * barrier records the slot).
   */
  private lastSlot: KeySlot | undefined;
  private lastEntry: Entry | undefined;

  private entry(ns: StateNamespace, create: boolean): Entry | undefined {
    const window = ns.window;
    const slot = keySlot(ns);
    const inLast = window === this.lastWindow;
    if (inLast && slot === this.lastSlot && (this.lastEntry !== undefined || !create)) return this.lastEntry;
    let byKey = inLast ? this.lastByKey : this.windows.get(window.id);
    let e = byKey?.get(slot);
    if (e === undefined && create) {
      if (byKey === undefined) this.windows.set(window.id, (byKey = new Map<KeySlot, Entry>()));
      byKey.set(slot, (e = new Entry(ns)));
    }
    if (byKey !== undefined) {
      this.lastWindow = window;
      this.lastByKey = byKey;
      this.lastSlot = slot;
      this.lastEntry = e;
    }
    return e;
  }

  private delete(ns: StateNamespace): void {
    const window = ns.window;
    const byKey = window === this.lastWindow ? this.lastByKey : this.windows.get(window.id);
    if (byKey?.delete(keySlot(ns)) && byKey.size === 0) {
      this.windows.delete(window.id);
      this.lastWindow = undefined;
      this.lastByKey = undefined;
      this.lastSlot = undefined;
      this.lastEntry = undefined;
      return;
    }
    if (byKey === undefined) return;
    // The namespace has no entry now: its next lookup needs none.
    this.lastWindow = window;
    this.lastByKey = byKey;
    this.lastSlot = keySlot(ns);
    this.lastEntry = undefined;
  }

  private dropIfEmpty(ns: StateNamespace, e: Entry): void {
    if (e.size === 0 && e.timer === undefined && !e.timers?.size) this.delete(ns);
  }

  get(ns: StateNamespace, cellId: string): unknown {
    return this.entry(ns, false)?.get(cellId);
  }

  put(ns: StateNamespace, cellId: string, data: unknown): void {
    this.entry(ns, true)!.set(cellId, data);
  }

  remove(ns: StateNamespace, cellId: string): void {
    const e = this.entry(ns, false);
    if (!e) return;
    e.delete(cellId);
    this.dropIfEmpty(ns, e);
  }

  timers(ns: StateNamespace): readonly TimerData[] {
    const e = this.entry(ns, false);
    return e ? entryTimers(e) : [];
  }

  putTimer(ns: StateNamespace, timer: TimerData): void {
    const e = this.entry(ns, true)!;
    // With no `timer`, `timers` is empty: the timer is not stored twice.
    if (e.timer === undefined || isTimer(e.timer, timer.timerId, timer.tag)) e.timer = timer;
    else (e.timers ??= new SmallMap()).set(timerKey(timer.timerId, timer.tag), timer);
  }

  removeTimer(ns: StateNamespace, timerId: string, tag: string): void {
    const e = this.entry(ns, false);
    if (e?.timer === undefined) return;
    if (isTimer(e.timer, timerId, tag)) {
      // Another timer, if any, takes the field.
      let next: TimerData | undefined;
      if (e.timers) for (next of e.timers.values()) break;
      if (next !== undefined) e.timers!.delete(timerKey(next.timerId, next.tag));
      e.timer = next;
    } else if (!e.timers?.delete(timerKey(timerId, tag))) return;
    this.dropIfEmpty(ns, e);
  }

  /** The stored timer, if any (used to tell current heap entries from stale ones). */
  timer(ns: StateNamespace, timerId: string, tag: string): TimerData | undefined {
    const e = this.entry(ns, false);
    if (e === undefined) return undefined;
    if (e.timer !== undefined && isTimer(e.timer, timerId, tag)) return e.timer;
    return e.timers?.get(timerKey(timerId, tag));
  }

  clear(ns: StateNamespace): void {
    this.delete(ns);
  }

  private *allEntries(): Iterable<Entry> {
    for (const byKey of this.windows.values()) yield* byKey.values();
  }

  *namespaces(): Iterable<StateNamespace> {
    for (const e of this.allEntries()) yield e.ns;
  }

  snapshot(encodeWindow: (w: BoundedWindow) => Uint8Array): StateSnapshot {
    return {
      entries: [...this.allEntries()].map((e) => ({
        key: e.ns.key,
        window: encodeWindow(e.ns.window),
        cells: [...e.entries()].map(([id, data]) => [id, copyCellData(data)] as const),
        timers: entryTimers(e).map((t) => ({ ...t })),
      })),
    };
  }

  restore(
    snapshot: StateSnapshot,
    decodeWindow: (bytes: Uint8Array) => BoundedWindow,
    keyId: (key: unknown) => string,
  ): void {
    this.windows.clear();
    this.lastWindow = undefined;
    this.lastByKey = undefined;
    this.lastSlot = undefined;
    this.lastEntry = undefined;
    for (const s of snapshot.entries) {
      const ns: StateNamespace = { keyId: keyId(s.key), key: s.key, window: decodeWindow(s.window) };
      const e = this.entry(ns, true)!;
      for (const [id, data] of s.cells) e.set(id, copyCellData(data));
      for (const t of s.timers) this.putTimer(ns, { ...t });
    }
  }
}
