import type { BoundedWindow } from "../../windowing/BoundedWindow";

/**
 * The key and window a set of state cells and timers belongs to.
 * @public
 */
export interface StateNamespace {
  /** The key's deterministic encoding (structuralKey). */
  readonly keyId: string;
  /** The key itself, as the DoFn sees it. */
  readonly key: unknown;
  readonly window: BoundedWindow;
}

/**
 * One timer as stored: which timer (id and dynamic tag), its domain, when it fires, and the
 * output timestamp (and watermark hold) of its firing.
 * @public
 */
export interface TimerData {
  readonly timerId: string;
  readonly tag: string;
  readonly domain: "EVENT_TIME" | "PROCESSING_TIME";
  readonly fireTimestamp: number;
  readonly outputTimestamp: number;
  /** Tie-breaker: timers with equal timestamps fire in the order they were set. */
  readonly seq: number;
}

/**
 * A consistent, self-contained copy of a backend's state and timers: what checkpoints store.
 * Cells hold plain data (what structuralCoder encodes); windows are encoded by the WindowFn's coder.
 * @public
 */
export interface StateSnapshot {
  readonly entries: ReadonlyArray<{
    readonly key: unknown;
    readonly window: Uint8Array;
    readonly cells: ReadonlyArray<readonly [string, unknown]>;
    readonly timers: readonly TimerData[];
  }>;
}

/**
 * Where a stateful step keeps its per-key-and-window state cells and timers. The runner reads and
 * writes cells by id within a namespace; a backend may keep them in memory or on disk, and must
 * be able to take a consistent snapshot and restore it.
 * @public
 */
export interface StateBackend {
  /** The data of a cell, or undefined when it is empty. */
  get(ns: StateNamespace, cellId: string): unknown;
  /** Stores a cell's data (the same object may be written back after in-place changes). */
  put(ns: StateNamespace, cellId: string, data: unknown): void;
  remove(ns: StateNamespace, cellId: string): void;
  /** The timers of a namespace. */
  timers(ns: StateNamespace): readonly TimerData[];
  /** The stored timer `timerId`/`tag`, if set. */
  timer(ns: StateNamespace, timerId: string, tag: string): TimerData | undefined;
  putTimer(ns: StateNamespace, timer: TimerData): void;
  removeTimer(ns: StateNamespace, timerId: string, tag: string): void;
  /** Removes every cell and timer of the namespace. */
  clear(ns: StateNamespace): void;
  /** Every namespace that holds a cell or a timer. */
  namespaces(): Iterable<StateNamespace>;
  snapshot(encodeWindow: (w: BoundedWindow) => Uint8Array): StateSnapshot;
  /** Releases the backend's resources (files, handles); called when the run tears down. */
  close?(): Promise<void>;
  /** Replaces everything with the snapshot's contents. */
  restore(
    snapshot: StateSnapshot,
    decodeWindow: (bytes: Uint8Array) => BoundedWindow,
    keyId: (key: unknown) => string,
  ): void;
}
