import type { MetricsContext } from "../metrics/MetricsContext";
import type { TupleTag } from "../model/TupleTag";
import type { StateSpec } from "../state/StateSpec";
import type { TimerSpec } from "../state/TimerSpec";
import type { Instant } from "../time/Instant";
import type { Duration } from "../time/Duration";
import type { PaneInfo } from "../values/PaneInfo";
import type { BoundedWindow } from "../windowing/BoundedWindow";
import type { PCollectionView } from "./PCollectionView";
import type { StateAccess } from "../state/StateAccess";
import type { TimerAccess } from "../state/TimerAccess";

/**
 * What a DoFn can do in startBundle and finishBundle: emit outputs (with an explicit timestamp
 * and window, since no element is current) and record metrics.
 * @public
 */
export interface BundleContext<O> {
  /** Emits `value` to the main output at `timestamp` in `window`. */
  outputAt(value: O, timestamp: Instant, window: BoundedWindow): void;
  /** Emits `value` to an additional output (declared with `withOutputs`) at `timestamp` in `window`. */
  outputToAt<T>(tag: TupleTag<T>, value: T, timestamp: Instant, window: BoundedWindow): void;
  readonly metrics: MetricsContext;
}

/**
 * What a DoFn sees and can do while processing one element.
 * The runner reuses one context per bundle: do not keep it beyond the `process` call.
 * @public
 */
export interface ProcessContext<O> {
  /** The element's event timestamp. */
  readonly timestamp: Instant;
  /** The window being processed (elements in several windows are processed once per window). */
  readonly window: BoundedWindow;
  /** The pane that produced the element. */
  readonly pane: PaneInfo;
  /** Emits to the main output, with the element's timestamp and window. */
  output(value: O): void;
  /**
   * Emits to the main output at `timestamp`.
   * @throws Error when `timestamp` is earlier than the element's timestamp minus the DoFn's
   * `allowedTimestampSkew`.
   */
  outputWithTimestamp(value: O, timestamp: Instant): void;
  /** Emits to an additional output declared with `parDo(fn).withOutputs(...)`. */
  outputTo<T>(tag: TupleTag<T>, value: T): void;
  /** Reads a side input declared with `parDo(fn).withSideInputs(...)`, for this element's window. */
  sideInput<T>(view: PCollectionView<T>): T;
  readonly metrics: MetricsContext;
  /** The DoFn's declared state, scoped to the current key and window (stateful DoFns only). */
  readonly state: StateAccess;
  /** The DoFn's declared timers, scoped to the current key and window (stateful DoFns only). */
  readonly timers: TimerAccess;
  /** The current key (stateful DoFns only). */
  readonly key: unknown;
}

/**
 * What a DoFn sees when one of its timers fires.
 * @public
 */
export interface OnTimerContext<O> {
  /** The timer's id (for timer families, the family id). */
  readonly timerId: string;
  /** For timer families: the dynamic timer id; otherwise "". */
  readonly dynamicTag: string;
  /** The instant the timer was set for. */
  readonly fireTimestamp: Instant;
  /** The output timestamp the timer was set with (the default is its fire timestamp for event-time timers). */
  readonly timestamp: Instant;
  readonly timeDomain: "EVENT_TIME" | "PROCESSING_TIME";
  readonly window: BoundedWindow;
  readonly key: unknown;
  output(value: O): void;
  outputWithTimestamp(value: O, timestamp: Instant): void;
  outputTo<T>(tag: TupleTag<T>, value: T): void;
  readonly state: StateAccess;
  readonly timers: TimerAccess;
  readonly metrics: MetricsContext;
}

/**
 * The user function of a ParDo, with Beam's lifecycle: `setup` once per instance, then for each
 * bundle `startBundle`, `process` per element and `finishBundle`, and `teardown` at the end.
 *
 * `process` is synchronous: it is called in a tight loop over a bundle. Asynchronous work
 * (writing to a service) belongs in `finishBundle`, which may return a promise: buffer in
 * `process`, flush in `finishBundle`.
 *
 * A DoFn that declares `state` or `timers` is stateful: its input must be KVs, and state and
 * timers are scoped to each key and window.
 * @example
 * ```ts
 * const splitWords: DoFn<string, string> = {
 *   process(line, ctx) {
 *     for (const w of line.split(/\s+/)) if (w) ctx.output(w);
 *   },
 * };
 * ```
 * @public
 */
export interface DoFn<I, O> {
  setup?(): void | Promise<void>;
  startBundle?(ctx: BundleContext<O>): void;
  process(element: I, ctx: ProcessContext<O>): void;
  finishBundle?(ctx: BundleContext<O>): void | Promise<void>;
  teardown?(): void | Promise<void>;
  /** How far before the input element's timestamp outputs may be stamped (default 0). */
  readonly allowedTimestampSkew?: Duration;
  /** Declared state cells, by id. */
  readonly state?: Readonly<Record<string, StateSpec>>;
  /** Declared timers (and timer families), by id. */
  readonly timers?: Readonly<Record<string, TimerSpec>>;
  /** Called when a declared timer fires. */
  onTimer?(ctx: OnTimerContext<O>): void;
  /** Called once per key and window when the window expires, before its state is cleared. */
  onWindowExpiration?(ctx: OnTimerContext<O>): void;
  /**
   * Two-phase commit with the runner's checkpoints (for exactly-once sinks). When the runner takes
   * a checkpoint it calls `prepareCommit` after the bundle finished and stores what it returns
   * (plain data: e.g. the names of pending write streams, already flushed but not yet visible) in
   * the checkpoint; once the checkpoint is durable it calls `commit` with that data. After a
   * restart it calls `commit` again with the data of the restored checkpoint — so `commit` must
   * be idempotent — and never for data of a checkpoint that was not written. In a run without
   * checkpoints, both are called as soon as the bundles finish (at-least-once).
   */
  prepareCommit?(): unknown;
  /** Makes what `prepareCommit` returned visible; idempotent. See `prepareCommit`. */
  commit?(prepared: unknown): void | Promise<void>;
  /** A name for graphs and errors. */
  readonly name?: string;
}
