import { ByteReader } from "../../coders/ByteReader";
import { ByteWriter } from "../../coders/ByteWriter";
import type { Coder } from "../../coders/Coder";
import { decodeFromBytes } from "../../coders/decodeFromBytes";
import { encodeToBytes } from "../../coders/encodeToBytes";
import { structuralCoder } from "../../coders/structuralCoder";
import { structuralKey } from "../../coders/structuralKey";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import { builtInWindowCoder } from "./builtInWindowCoder";
import { cellDataCoder } from "./cellDataCoder";
import type { KvWrite, OrderedKvStore } from "./OrderedKvStore";
import type { StateBackend, StateNamespace, StateSnapshot, TimerData } from "./StateBackend";
import { timerKey } from "./timerKey";

/**
 * Options of a durable state backend.
 * @beta
 */
export interface DurableStateBackendOptions {
  /**
   * Encodes the windows of the stateful step's input, so that its namespaces can be read back from
   * disk; default: a coder for the built-in windows (global and interval windows).
   */
  readonly windowCoder?: Coder<BoundedWindow>;
  /**
   * How many namespaces (key and window) keep their cells decoded in memory; the least recently
   * used are written back to disk, a quarter of them at a time, in one transaction (default 10 000).
   */
  readonly cacheNamespaces?: number;
}

// The key spaces. A key is its space byte, then the namespace prefix (the key's and the window's
// ids, each length-prefixed, so no namespace's prefix is a prefix of another's), then the rest.
/** Namespace records: the key and the encoded window, to rebuild the namespace from disk. */
const META = 1;
/** Cells: then the cell id (UTF-8). */
const CELL = 2;
/** Timers: then the timer id and tag (length-prefixed). */
const TIMER = 3;

/** A cell known to be empty (cached so that a miss does not read the disk again). */
const ABSENT: unique symbol = Symbol("absent");

interface CachedNamespace {
  readonly ns: StateNamespace;
  readonly prefix: Uint8Array;
  /** The cells read or written; the others are on disk, or empty when `cleared`. */
  readonly cells: Map<string, unknown>;
  readonly dirty: Set<string>;
  /** Cleared since the last write-back: the disk's cells of the namespace are stale. */
  cleared: boolean;
  /** The namespace's record is known to be on disk (so a write-back need not write it again). */
  recorded: boolean;
}

interface TimersOf {
  readonly ns: StateNamespace;
  readonly prefix: Uint8Array;
  readonly timers: Map<string, TimerData>;
}

/**
 * A namespace's id: its key's encoding, NUL, its window's id. One-to-one whatever a window id
 * contains: a key encoding (`structuralKey`) is self-delimiting, so where it ends is known.
 */
const nsId = (ns: StateNamespace): string => `${ns.keyId}\u0000${ns.window.id}`;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

function concat(space: number, prefix: Uint8Array, rest?: Uint8Array): Uint8Array {
  const key = new Uint8Array(1 + prefix.length + (rest?.length ?? 0));
  key[0] = space;
  key.set(prefix, 1);
  if (rest) key.set(rest, 1 + prefix.length);
  return key;
}

/** The smallest key greater than every key that starts with `key` (`key` never ends in 0xff here). */
function successor(key: Uint8Array): Uint8Array {
  const end = key.slice();
  end[end.length - 1] = key[key.length - 1]! + 1;
  return end;
}

function lengthPrefixed(...parts: string[]): Uint8Array {
  const out = new ByteWriter();
  for (const p of parts) out.writeString(p);
  return out.finish();
}

function toTimerData(record: unknown): TimerData {
  const t = record as TimerData;
  return {
    timerId: t.timerId,
    tag: t.tag,
    domain: t.domain,
    fireTimestamp: t.fireTimestamp,
    outputTimestamp: t.outputTimestamp,
    seq: t.seq,
  };
}

/**
 * Keeps state in an embedded ordered key-value store on disk, for state larger than memory.
 *
 * Cells are encoded to bytes (plain data, or a top-level `Map`/`Set` of plain data) under keys laid
 * out so that a namespace's cells, its timers and the list of namespaces are range scans. A bounded
 * write-back cache keeps the cells of recently used namespaces decoded: reads after writes see the
 * writes; the disk catches up when namespaces are evicted, on {@link KvStateBackend.flush}, on
 * {@link KvStateBackend.snapshot} and on {@link KvStateBackend.close}. Timers stay in memory too (the
 * runner's timer queues hold them anyway) and are written to disk with the cells.
 * @beta
 */
export class KvStateBackend implements StateBackend {
  private readonly cache = new Map<string, CachedNamespace>();
  private lastUsed: string | undefined;
  private readonly timerIndex = new Map<string, TimersOf>();
  /** Namespaces whose timers changed since the last write-back, with their prefixes. */
  private readonly dirtyTimers = new Map<string, Uint8Array>();
  private readonly cellIds = new Map<string, Uint8Array>();
  private readonly windowCoder: Coder<BoundedWindow>;
  private readonly capacity: number;
  private closed = false;

  constructor(
    private readonly kv: OrderedKvStore,
    options: DurableStateBackendOptions = {},
  ) {
    this.windowCoder = options.windowCoder ?? builtInWindowCoder;
    this.capacity = options.cacheNamespaces ?? 10_000;
    if (!(Number.isSafeInteger(this.capacity) && this.capacity >= 1)) {
      throw new RangeError(`cacheNamespaces must be a positive integer, got ${this.capacity}`);
    }
    this.loadTimers();
  }

  get(ns: StateNamespace, cellId: string): unknown {
    const e = this.cached(ns);
    const v = e.cells.get(cellId);
    if (v !== undefined) return v === ABSENT ? undefined : v;
    if (e.cleared) return undefined;
    const bytes = this.kv.get(concat(CELL, e.prefix, this.cellIdBytes(cellId)));
    const data = bytes ? decodeFromBytes(cellDataCoder, bytes) : undefined;
    if (bytes) e.recorded = true;
    e.cells.set(cellId, data ?? ABSENT);
    return data;
  }

  put(ns: StateNamespace, cellId: string, data: unknown): void {
    const e = this.cached(ns);
    e.cells.set(cellId, data);
    e.dirty.add(cellId);
  }

  remove(ns: StateNamespace, cellId: string): void {
    const e = this.cached(ns);
    e.cells.set(cellId, ABSENT);
    e.dirty.add(cellId);
  }

  timers(ns: StateNamespace): readonly TimerData[] {
    const t = this.timerIndex.get(nsId(ns));
    return t ? [...t.timers.values()] : [];
  }

  timer(ns: StateNamespace, timerId: string, tag: string): TimerData | undefined {
    return this.timerIndex.get(nsId(ns))?.timers.get(timerKey(timerId, tag));
  }

  putTimer(ns: StateNamespace, timer: TimerData): void {
    const id = nsId(ns);
    let t = this.timerIndex.get(id);
    if (!t) this.timerIndex.set(id, (t = { ns, prefix: this.prefixOf(ns), timers: new Map() }));
    t.timers.set(timerKey(timer.timerId, timer.tag), timer);
    this.dirtyTimers.set(id, t.prefix);
  }

  removeTimer(ns: StateNamespace, timerId: string, tag: string): void {
    const id = nsId(ns);
    const t = this.timerIndex.get(id);
    if (!t?.timers.delete(timerKey(timerId, tag))) return;
    if (t.timers.size === 0) this.timerIndex.delete(id);
    this.dirtyTimers.set(id, t.prefix);
  }

  clear(ns: StateNamespace): void {
    const e = this.cached(ns);
    e.cells.clear();
    e.dirty.clear();
    e.cleared = true;
    const id = nsId(ns);
    if (this.timerIndex.delete(id)) this.dirtyTimers.set(id, e.prefix);
  }

  /** Every namespace that holds a cell or a timer (writes the cache back first). */
  *namespaces(): Iterable<StateNamespace> {
    this.flush();
    for (const [key, value] of this.kv.range(Uint8Array.of(META), Uint8Array.of(META + 1))) {
      const prefix = key.subarray(1);
      const live = this.liveNamespace(prefix);
      if (live) {
        yield live;
        continue;
      }
      const cellStart = concat(CELL, prefix);
      if (this.kv.hasAny(cellStart, successor(cellStart))) yield this.decodeMeta(value);
    }
  }

  snapshot(encodeWindow: (w: BoundedWindow) => Uint8Array): StateSnapshot {
    const entries: StateSnapshot["entries"][number][] = [];
    for (const ns of this.namespaces()) {
      const start = concat(CELL, this.prefixOf(ns));
      const cells: (readonly [string, unknown])[] = [];
      for (const [key, value] of this.kv.range(start, successor(start))) {
        cells.push([fromUtf8.decode(key.subarray(start.length)), decodeFromBytes(cellDataCoder, value)]);
      }
      entries.push({
        key: ns.key,
        window: encodeWindow(ns.window),
        cells,
        timers: this.timers(ns).map((t) => ({ ...t })),
      });
    }
    return { entries };
  }

  restore(
    snapshot: StateSnapshot,
    decodeWindow: (bytes: Uint8Array) => BoundedWindow,
    keyId: (key: unknown) => string,
  ): void {
    this.cache.clear();
    this.lastUsed = undefined;
    this.timerIndex.clear();
    this.dirtyTimers.clear();
    this.kv.clear();
    const writes: KvWrite[] = [];
    for (const s of snapshot.entries) {
      const ns: StateNamespace = { keyId: keyId(s.key), key: s.key, window: decodeWindow(s.window) };
      const prefix = this.prefixOf(ns);
      writes.push({ op: "put", key: concat(META, prefix), value: this.encodeMeta(ns) });
      for (const [id, data] of s.cells) {
        writes.push({
          op: "put",
          key: concat(CELL, prefix, this.cellIdBytes(id)),
          value: encodeToBytes(cellDataCoder, data),
        });
      }
      for (const t of s.timers) {
        this.putTimer(ns, { ...t });
      }
    }
    this.writeBack([], writes);
  }

  /** Writes every cached change to disk, in one transaction; the cache stays warm. */
  flush(): void {
    this.writeBack([...this.cache.values()], []);
  }

  /** Writes the cache back and closes the store; the backend cannot be used after. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    await this.kv.close();
  }

  private cached(ns: StateNamespace): CachedNamespace {
    const id = nsId(ns);
    let e = this.cache.get(id);
    if (e) {
      if (this.lastUsed !== id) {
        // Most recently used last: Map iteration order is the eviction order.
        this.cache.delete(id);
        this.cache.set(id, e);
        this.lastUsed = id;
      }
      return e;
    }
    if (this.closed) throw new Error("the state backend is closed");
    e = {
      ns,
      prefix: this.prefixOf(ns),
      cells: new Map(),
      dirty: new Set(),
      cleared: false,
      recorded: false,
    };
    this.cache.set(id, e);
    this.lastUsed = id;
    if (this.cache.size > this.capacity) this.evict();
    return e;
  }

  /** Writes back and drops the least recently used quarter of the cache. */
  private evict(): void {
    const n = Math.max(1, this.capacity >> 2);
    const evicted: CachedNamespace[] = [];
    for (const [id, e] of this.cache) {
      if (evicted.length === n) break;
      evicted.push(e);
      this.cache.delete(id);
    }
    this.writeBack(evicted, []);
  }

  /**
   * Writes the changes of `entries` and every dirty timer, after `writes`, in one transaction.
   * A namespace left with neither cells nor timers loses its record.
   */
  private writeBack(entries: readonly CachedNamespace[], writes: KvWrite[]): void {
    const metaDone = new Set<string>();
    for (const e of entries) {
      if (!e.cleared && e.dirty.size === 0) continue;
      const cellStart = concat(CELL, e.prefix);
      if (e.cleared) writes.push({ op: "deleteRange", start: cellStart, end: successor(cellStart) });
      let present = false;
      for (const [cellId, data] of e.cells) {
        if (data !== ABSENT) present = true;
        if (!e.dirty.has(cellId)) continue;
        const key = concat(CELL, e.prefix, this.cellIdBytes(cellId));
        writes.push(
          data === ABSENT
            ? { op: "delete", key }
            : { op: "put", key, value: encodeToBytes(cellDataCoder, data) },
        );
      }
      const id = nsId(e.ns);
      if (e.cleared && !present && !this.timerIndex.has(id)) {
        writes.push({ op: "delete", key: concat(META, e.prefix) });
        e.recorded = false;
      } else {
        this.record(e.ns, e.prefix, e.recorded, writes);
        e.recorded = true;
      }
      metaDone.add(id);
      e.dirty.clear();
      e.cleared = false;
    }
    for (const [id, prefix] of this.dirtyTimers) {
      const start = concat(TIMER, prefix);
      writes.push({ op: "deleteRange", start, end: successor(start) });
      const t = this.timerIndex.get(id);
      if (!t) continue;
      for (const timer of t.timers.values()) {
        writes.push({
          op: "put",
          key: concat(TIMER, prefix, lengthPrefixed(timer.timerId, timer.tag)),
          value: encodeToBytes(structuralCoder, timer),
        });
      }
      if (!metaDone.has(id)) this.record(t.ns, prefix, false, writes);
    }
    this.dirtyTimers.clear();
    if (writes.length > 0) this.kv.write(writes);
  }

  /** Writes the namespace's record unless it is known to be, or found, on disk (a read costs less than a write). */
  private record(ns: StateNamespace, prefix: Uint8Array, recorded: boolean, writes: KvWrite[]): void {
    const key = concat(META, prefix);
    if (!recorded && !this.kv.get(key)) writes.push({ op: "put", key, value: this.encodeMeta(ns) });
  }

  /** Reads the timers of every namespace from disk (when the store is opened). */
  private loadTimers(): void {
    const namespaces = new Map<string, StateNamespace>();
    for (const [key, value] of this.kv.range(Uint8Array.of(TIMER), Uint8Array.of(TIMER + 1))) {
      const input = new ByteReader(key.subarray(1));
      const keyId = input.readString();
      const windowId = input.readString();
      const prefix = key.subarray(1, 1 + input.position);
      const id = `${keyId}\u0000${windowId}`;
      let ns = namespaces.get(id);
      if (!ns) {
        const meta = this.kv.get(concat(META, prefix));
        if (!meta) throw new Error(`state store is corrupt: timers without a namespace record (${id})`);
        namespaces.set(id, (ns = this.decodeMeta(meta)));
      }
      let t = this.timerIndex.get(id);
      if (!t) this.timerIndex.set(id, (t = { ns, prefix: prefix.slice(), timers: new Map() }));
      const timer = toTimerData(decodeFromBytes(structuralCoder, value));
      t.timers.set(timerKey(timer.timerId, timer.tag), timer);
    }
  }

  /** The in-memory namespace object for `prefix`, when it has timers (so the runner sees the same object). */
  private liveNamespace(prefix: Uint8Array): StateNamespace | undefined {
    const input = new ByteReader(prefix);
    const id = `${input.readString()}\u0000${input.readString()}`;
    return this.timerIndex.get(id)?.ns;
  }

  private prefixOf(ns: StateNamespace): Uint8Array {
    return lengthPrefixed(ns.keyId, ns.window.id);
  }

  private cellIdBytes(cellId: string): Uint8Array {
    let bytes = this.cellIds.get(cellId);
    if (!bytes) this.cellIds.set(cellId, (bytes = utf8.encode(cellId)));
    return bytes;
  }

  private encodeMeta(ns: StateNamespace): Uint8Array {
    return encodeToBytes(structuralCoder, [ns.key, encodeToBytes(this.windowCoder, ns.window)]);
  }

  private decodeMeta(bytes: Uint8Array): StateNamespace {
    const [key, window] = decodeFromBytes(structuralCoder, bytes) as [unknown, Uint8Array];
    return { keyId: structuralKey(key), key, window: decodeFromBytes(this.windowCoder, window) };
  }
}
