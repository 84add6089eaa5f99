import type { BoundedWindow } from "../../windowing/BoundedWindow";
import { copyCellData } from "./copyCellData";
import { SmallMap } from "./SmallMap";
import type { StateBackend, StateNamespace, StateSnapshot, TimerData } from "./StateBackend";

interface Entry {
  readonly ns: StateNamespace;
  readonly cells: SmallMap<unknown>;
  /** Created with the first timer: many namespaces never set one. */
  timers: SmallMap<TimerData> | undefined;
}

const nsId = (ns: StateNamespace): string => `${ns.keyId}\u0000${ns.window.id}`;
const timerKey = (timerId: string, tag: string): string => `${timerId}\u0000${tag}`;

/**
 * Keeps state in memory, in maps keyed by key and window: the default backend.
 * @public
 */
export class InMemoryStateBackend implements StateBackend {
  private readonly entries = new Map<string, Entry>();
  /**
   * The namespace object last looked up and its entry: a DoFn touches several cells and timers
   * of one element's namespace (the same object), and this spares building its id for each.
   * Forgotten whenever an entry is removed.
   */
  private lastNs: StateNamespace | undefined;
  private lastEntry: Entry | undefined;

  private entry(ns: StateNamespace, create: boolean): Entry | undefined {
    if (ns === this.lastNs) return this.lastEntry;
    const id = nsId(ns);
    let e = this.entries.get(id);
    if (!e && create) this.entries.set(id, (e = { ns, cells: new SmallMap(), timers: undefined }));
    if (e) {
      this.lastNs = ns;
      this.lastEntry = e;
    }
    return e;
  }

  private forget(): void {
    this.lastNs = undefined;
    this.lastEntry = undefined;
  }

  private dropIfEmpty(ns: StateNamespace, e: Entry): void {
    if (e.cells.size === 0 && !e.timers?.size) {
      this.entries.delete(nsId(ns));
      this.forget();
    }
  }

  get(ns: StateNamespace, cellId: string): unknown {
    return this.entry(ns, false)?.cells.get(cellId);
  }

  put(ns: StateNamespace, cellId: string, data: unknown): void {
    this.entry(ns, true)!.cells.set(cellId, data);
  }

  remove(ns: StateNamespace, cellId: string): void {
    const e = this.entry(ns, false);
    if (!e) return;
    e.cells.delete(cellId);
    this.dropIfEmpty(ns, e);
  }

  timers(ns: StateNamespace): readonly TimerData[] {
    const e = this.entry(ns, false);
    return e?.timers ? [...e.timers.values()] : [];
  }

  putTimer(ns: StateNamespace, timer: TimerData): void {
    const e = this.entry(ns, true)!;
    (e.timers ??= new SmallMap()).set(timerKey(timer.timerId, timer.tag), timer);
  }

  removeTimer(ns: StateNamespace, timerId: string, tag: string): void {
    const e = this.entry(ns, false);
    if (!e?.timers) return;
    e.timers.delete(timerKey(timerId, tag));
    this.dropIfEmpty(ns, e);
  }

  /** The stored timer, if any (used to tell current heap entries from stale ones). */
  timer(ns: StateNamespace, timerId: string, tag: string): TimerData | undefined {
    return this.entry(ns, false)?.timers?.get(timerKey(timerId, tag));
  }

  clear(ns: StateNamespace): void {
    this.entries.delete(nsId(ns));
    this.forget();
  }

  *namespaces(): Iterable<StateNamespace> {
    for (const e of this.entries.values()) yield e.ns;
  }

  snapshot(encodeWindow: (w: BoundedWindow) => Uint8Array): StateSnapshot {
    return {
      entries: [...this.entries.values()].map((e) => ({
        key: e.ns.key,
        window: encodeWindow(e.ns.window),
        cells: [...e.cells.entries()].map(([id, data]) => [id, copyCellData(data)] as const),
        timers: e.timers ? [...e.timers.values()].map((t) => ({ ...t })) : [],
      })),
    };
  }

  restore(
    snapshot: StateSnapshot,
    decodeWindow: (bytes: Uint8Array) => BoundedWindow,
    keyId: (key: unknown) => string,
  ): void {
    this.entries.clear();
    this.forget();
    for (const s of snapshot.entries) {
      const ns: StateNamespace = { keyId: keyId(s.key), key: s.key, window: decodeWindow(s.window) };
      const e = this.entry(ns, true)!;
      for (const [id, data] of s.cells) e.cells.set(id, copyCellData(data));
      for (const t of s.timers) (e.timers ??= new SmallMap()).set(timerKey(t.timerId, t.tag), { ...t });
    }
  }
}
