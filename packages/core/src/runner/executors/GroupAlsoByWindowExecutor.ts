import { decodeFromBytes } from "../../coders/decodeFromBytes";
import type { TransformNode } from "../../model/TransformNode";
import type { MetricsContainer } from "../../metrics/MetricsContainer";
import type { CombineFn } from "../../transforms/CombineFn";
import { END_OF_GLOBAL_WINDOW, MAX_TIMESTAMP, MIN_TIMESTAMP, type Instant } from "../../time/Instant";
import { kv, type KV } from "../../values/KV";
import { paneInfo, type PaneInfo } from "../../values/PaneInfo";
import type { WindowedValue } from "../../values/WindowedValue";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import { GlobalWindow } from "../../windowing/GlobalWindow";
import type { WindowingStrategy } from "../../windowing/WindowingStrategy";
import { Executor, type Bundle, type Emitter } from "../Executor";
import type { ElementConsumer } from "../fusion/ElementConsumer";
import { MinHeap } from "../MinHeap";
import {
  restoreTriggerState,
  TriggerStateMachine,
  type TriggerContext,
} from "../triggers/TriggerStateMachine";
import { UserCodeError } from "../UserCodeError";
import { isDroppable, kvOf } from "../keyOf";
import { KeyMap } from "../KeyMap";
import { snapshotStates, type GroupingSnapshot } from "./grouping/GroupingSnapshot";
import { BUFFER, type Reducer } from "./grouping/bufferReducer";
import type { KeyState, TableState, WindowState, WindowTable } from "./grouping/WindowState";
import { WindowStates } from "./grouping/WindowStates";
import { newTableState } from "./grouping/newStates";
import { WindowMerging } from "./grouping/WindowMerging";
import { decodeAccumulator } from "./grouping/accumulatorForm";
import { combineHolds, elementHold } from "./grouping/holds";
import { nextPane } from "./grouping/nextPane";
import { HoldQueue } from "./grouping/HoldQueue";
import { EventTimers } from "./grouping/EventTimers";
import { StateTriggerContext } from "./grouping/StateTriggerContext";

/**
 * Groups (or combines) values per key and window and fires panes as the trigger says: Beam's
 * GroupAlsoByWindow with its ReduceFnRunner. Handles merging windows (through
 * {@link WindowMerging}), watermark holds per the timestamp combiner, allowed lateness (dropping
 * and counting late data), pane numbering, and garbage collection of window state.
 *
 * On the per-element path a boolean field is compared with `true`: V8 does not type boolean
 * fields, so a bare truthiness test compiles to a general ToBoolean (about ten instructions when
 * the field is true), where a comparison is one.
 * @internal
 */
export class GroupAlsoByWindowExecutor extends Executor implements ElementConsumer {
  /** The per-key-and-window states. */
  private readonly store = new WindowStates();
  private readonly tsm: TriggerStateMachine;
  /** End-of-window and garbage-collection timers. */
  private readonly timers = new EventTimers();
  private readonly processingTimers = new MinHeap<WindowState>();
  private readonly holds: HoldQueue;
  private readonly reducer: Reducer;
  /** The states of merging windows (undefined when windows never merge). */
  private readonly merging: WindowMerging | undefined;
  /**
   * Windows never merge and elements hold at the end of their window: a state's hold is set by
   * the first element after a pane (or, for a late window, never), and the next ones leave it.
   */
  private readonly fixedHolds: boolean;
  /** Elements hold at the end of their window (END_OF_WINDOW), merging or not. */
  private readonly endOfWindowHolds: boolean;
  /** The trigger's `firstElementOnly` negated, and its `elementReadsContext`, read per element. */
  private readonly everyElementTriggers: boolean;
  private readonly elementReadsContext: boolean;
  private readonly metrics: MetricsContainer;
  private sawInput = false;
  private insertedDefault = false;
  private processingTime = 0;
  /** Counts bundles, to mark the states a bundle touched. */
  private bundles = 0;
  /** Between the first element of a bundle and its `flush`. */
  private inBundle = false;
  /**
   * The states the current bundle added input to, each once: their triggers are asked at its end.
   * The first `touchedCount` entries are the bundle's; the array keeps its capacity from bundle to
   * bundle (emptying it by `length = 0` would drop its backing store, and every bundle would grow
   * a new one), and a bundle's end clears its entries so they keep no state alive.
   */
  private readonly touched: Array<WindowState | undefined> = [];
  private touchedCount = 0;
  /** The trigger context, reused: pointed at a state by `context`. */
  private readonly ctx = new StateTriggerContext(this);
  /** Panes fired by the current call, emitted as one bundle at its end. */
  private pending: WindowedValue<unknown>[] = [];
  /** Late elements of the current bundle, when the step has a lateData output. */
  private lateData: WindowedValue<unknown>[] | undefined;

  constructor(
    node: TransformNode,
    outputs: ReadonlyMap<string, Emitter>,
    private readonly strategy: WindowingStrategy,
    combineFn: CombineFn<unknown, unknown, unknown> | undefined,
    private readonly insertDefault: boolean,
    metrics: MetricsContainer,
    private readonly now: () => Instant,
  ) {
    super(node, outputs);
    this.reducer = combineFn ?? BUFFER;
    this.endOfWindowHolds = strategy.timestampCombiner === "END_OF_WINDOW";
    this.fixedHolds = !strategy.isMerging && this.endOfWindowHolds;
    this.holds = new HoldQueue(this.fixedHolds);
    if (outputs.has("lateData")) this.lateData = [];
    this.tsm = new TriggerStateMachine(strategy.trigger, strategy.isMerging);
    this.everyElementTriggers = !this.tsm.firstElementOnly;
    this.elementReadsContext = this.tsm.elementReadsContext;
    this.metrics = metrics;
    this.merging = strategy.isMerging
      ? new WindowMerging(this.store, this.tsm, this.timers, this.holds, strategy, this.reducer, this)
      : undefined;
  }

  receive(_inputIndex: number, bundle: Bundle): void {
    this.startBundle();
    for (const wv of bundle) this.add(wv.value, wv.timestamp, wv.windows, wv.pane);
    this.flush();
  }

  /** The grouping step takes its input from a fused element-wise step too: no bundle in between. */
  override fusableInput(): ElementConsumer {
    return this;
  }

  /** One element from the fused step before it; `flush` ends the bundle. */
  processElement(
    value: unknown,
    timestamp: Instant,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    if (!this.inBundle) this.startBundle();
    this.add(value, timestamp, windows, pane);
  }

  /** One keyed element from a fused `withKeys`, as its key and value (no KV in between). */
  processKeyValue(
    key: unknown,
    value: unknown,
    timestamp: Instant,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    if (this.inBundle !== true) this.startBundle();
    this.elementTimestamp = timestamp;
    this.addKeyed(key, value, undefined, windows, pane);
  }

  /**
   * The timestamp of the element being added: written by the caller of `processKeyValueAt` (see
   * ElementConsumer), and by `processKeyValue` and `add` from their argument, and read where the
   * element is added. A number field is written in place; a number passed on to the adding
   * methods, which V8 does not always inline, would be boxed into a new heap object per element.
   * It starts as a number outside the small-integer range, so V8 gives the field its in-place
   * number form from the start.
   */
  elementTimestamp: Instant = MIN_TIMESTAMP;

  /** {@link processKeyValue} of an element whose timestamp is in `elementTimestamp`. */
  processKeyValueAt(key: unknown, value: unknown, windows: readonly BoundedWindow[], pane: PaneInfo): void {
    if (this.inBundle !== true) this.startBundle();
    const merging = this.merging;
    if (merging === undefined) this.addToTables(key, value, undefined, windows, pane);
    else this.addMerging(merging, key, value, undefined, windows, pane);
  }

  /** Ends the bundle: fires the triggers of the states it touched and emits what fired. */
  flush(): void {
    if (this.inBundle) {
      this.inBundle = false;
      const touched = this.touched;
      const n = this.touchedCount;
      this.touchedCount = 0;
      // A trigger only processing-time delays make ready has no window ready before a timer is due.
      const ask =
        !this.tsm.readyOnlyAtDeadlines || this.processingTimers.peekPriority() <= this.processingTime;
      for (let i = 0; i < n; i++) {
        const ws = touched[i]!;
        touched[i] = undefined;
        if (
          ask &&
          ws.live === true &&
          ws.closed !== true &&
          this.tsm.shouldFire(ws.trigger, this.context(ws))
        )
          this.fireByTrigger(ws);
      }
    }
    this.emitPending();
  }

  private startBundle(): void {
    this.inBundle = true;
    this.processingTime = this.now();
    ++this.bundles;
  }

  /** Adds one element to the states of its key and windows (merging windows as needed). */
  private add(value: unknown, timestamp: Instant, windows: readonly BoundedWindow[], pane: PaneInfo): void {
    const element = kvOf(this.step, value, "GroupByKey and Combine.perKey need");
    this.elementTimestamp = timestamp;
    this.addKeyed(element.key, element.value, element, windows, pane);
  }

  /**
   * {@link add} of the element `{ key, value }` at `elementTimestamp`; `element` is that KV when the input had one
   * (undefined when a fused `withKeys` handed the key and value over apart, see `processKeyValue`).
   * Windows that never merge and merging windows take paths of their own: each is smaller than
   * one path with both, which keeps V8 inlining what each calls per element.
   */
  private addKeyed(
    key: unknown,
    value: unknown,
    element: KV<unknown, unknown> | undefined,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    if (this.merging === undefined) this.addToTables(key, value, element, windows, pane);
    else this.addMerging(this.merging, key, value, element, windows, pane);
  }

  /** {@link addKeyed} for windows that never merge: each window's state from its table. */
  private addToTables(
    key: unknown,
    value: unknown,
    element: KV<unknown, unknown> | undefined,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    // A number or a string is its own key (KeyMap): only another key needs checking up front.
    if (typeof key !== "number" && typeof key !== "string") this.checkKey(key, value, element);
    this.sawInput = true;
    const lateness = this.strategy.allowedLateness;
    const store = this.store;
    const one = windows.length === 1;
    // An index loop: `for...of` wraps the loop in the iterator protocol's try/finally.
    for (let i = 0; i < windows.length; i++) {
      const window = windows[i]!;
      if (isDroppable(window, lateness, this.inputWatermark))
        this.dropLate(key, value, element, this.elementTimestamp, window, pane);
      else this.addTo(this.tableState(key, one ? store.table(window) : store.tableOf(windows, i)), value);
    }
  }

  /** {@link addKeyed} for merging windows: each window joins the key's windows (`WindowMerging`). */
  private addMerging(
    merging: WindowMerging,
    key: unknown,
    value: unknown,
    element: KV<unknown, unknown> | undefined,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    let ks = this.keyState(key, value, element);
    this.sawInput = true;
    const lateness = this.strategy.allowedLateness;
    // One window, as sessions assign: no loop around it.
    if (windows.length === 1) {
      const window = windows[0]!;
      if (isDroppable(window, lateness, this.inputWatermark))
        this.dropLate(key, value, element, this.elementTimestamp, window, pane);
      else if (ks !== undefined)
        this.addTo(
          merging.openSessionCovering(ks, window) ??
            merging.joinOpenSession(ks, window) ??
            merging.mergeInto(ks, window),
          value,
        );
      else this.addTo(merging.mergeInto(this.store.addKey(key), window), value);
      return;
    }
    for (let i = 0; i < windows.length; i++) {
      const window = windows[i]!;
      if (isDroppable(window, lateness, this.inputWatermark)) {
        this.dropLate(key, value, element, this.elementTimestamp, window, pane);
        continue;
      }
      ks ??= this.store.addKey(key);
      this.addTo(merging.joinOpenSession(ks, window) ?? merging.mergeInto(ks, window), value);
    }
  }

  /** Counts an element too late for `window` as dropped (and outputs it as late data, if asked). */
  private dropLate(
    key: unknown,
    value: unknown,
    element: KV<unknown, unknown> | undefined,
    timestamp: Instant,
    window: BoundedWindow,
    pane: PaneInfo,
  ): void {
    this.metrics.counter("droppedDueToLateness").inc();
    if (this.lateData)
      this.lateData.push({ value: element ?? kv(key, value), timestamp, windows: [window], pane });
  }

  /** Adds the element to `ws` (unless its window closed) and marks `ws` touched by this bundle. */
  private addTo(ws: WindowState, value: unknown): void {
    if (ws.closed === true) {
      this.metrics.counter("droppedDueToClosedWindow").inc();
      return;
    }
    this.addElement(ws, value);
    if (ws.touchedIn !== this.bundles) {
      ws.touchedIn = this.bundles;
      this.touched[this.touchedCount++] = ws;
    }
  }

  /**
   * The state of the key, if it has one.
   * @throws UserCodeError (with the element) when the key has no deterministic encoding.
   */
  private keyState(
    key: unknown,
    value: unknown,
    element: KV<unknown, unknown> | undefined,
  ): KeyState | undefined {
    try {
      return this.store.keyState(key);
    } catch (e) {
      throw new UserCodeError(this.step, element ?? kv(key, value), e);
    }
  }

  /** @throws UserCodeError (with the element) when the key has no deterministic encoding. */
  private checkKey(key: unknown, value: unknown, element: KV<unknown, unknown> | undefined): void {
    try {
      KeyMap.check(key);
    } catch (e) {
      throw new UserCodeError(this.step, element ?? kv(key, value), e);
    }
  }

  private emitPending(): void {
    if (this.lateData && this.lateData.length > 0) {
      const late = this.lateData;
      this.lateData = [];
      this.emitter("lateData").emit(late);
    }
    if (this.pending.length === 0) return;
    const bundle = this.pending;
    this.pending = [];
    this.emitter().emit(bundle);
  }

  override advanceWatermark(inputWatermarks: readonly Instant[]): Instant {
    const before = this.inputWatermark;
    // Not super.advanceWatermark: the output watermark is the input watermark held back by buffered data.
    this.advanceInputWatermark(inputWatermarks);
    if (this.inputWatermark > before) {
      this.processingTime = this.now();
      this.timers.fireBefore(this.inputWatermark, this.fireTimer);
      if (
        this.insertDefault &&
        !this.sawInput &&
        !this.insertedDefault &&
        this.inputWatermark >= MAX_TIMESTAMP
      ) {
        this.insertedDefault = true;
        const r = this.reducer;
        this.pending.push({
          value: kv(null, r.extractOutput(r.createAccumulator())),
          timestamp: END_OF_GLOBAL_WINDOW,
          windows: [GlobalWindow.INSTANCE],
          pane: paneInfo(true, true, "ON_TIME", 0, 0),
        });
      }
      this.emitPending();
    }
    const hold = this.holds.min();
    const out = Math.min(this.inputWatermark, hold);
    if (out > this.outputWatermark) this.outputWatermark = out;
    return this.outputWatermark;
  }

  override fireProcessingTimers(now: Instant): boolean {
    this.processingTime = now;
    let fired = false;
    while (this.processingTimers.peekPriority() <= now) {
      const ws = this.processingTimers.pop()!;
      if (!ws.live || ws.closed) continue;
      if (this.tsm.shouldFire(ws.trigger, this.context(ws))) {
        this.fireByTrigger(ws);
        fired = true;
      }
    }
    this.emitPending();
    return fired;
  }

  override nextProcessingTimer(): Instant {
    return this.processingTimers.peekPriority();
  }

  override snapshot(): GroupingSnapshot {
    return {
      sawInput: this.sawInput,
      insertedDefault: this.insertedDefault,
      keys: snapshotStates(this.store.all(), this.reducer, this.strategy.windowFn.windowCoder),
    };
  }

  override restore(snapshot: unknown): void {
    const snap = snapshot as GroupingSnapshot;
    const coder = this.strategy.windowFn.windowCoder;
    this.store.clear();
    this.sawInput = snap.sawInput;
    this.insertedDefault = snap.insertedDefault;
    const merging = this.strategy.isMerging;
    for (const k of snap.keys) {
      let ks: KeyState | undefined;
      if (merging) ks = this.store.addKey(k.key);
      for (const w of k.windows) {
        const window = decodeFromBytes(coder, w.window);
        let ws: WindowState;
        if (ks) {
          ws = this.merging!.newState(ks, window);
          this.store.put(ks, ws);
        } else {
          const table = this.store.table(window);
          ws = this.newTableState(k.key, table);
          table.states.set(k.key, ws);
        }
        restoreTriggerState(ws.trigger, w);
        ws.acc = w.closed ? undefined : decodeAccumulator(this.reducer, w.acc);
        ws.isEmpty = w.isEmpty;
        ws.lastPane = w.lastPane ?? undefined;
        ws.closed = w.closed;
        this.scheduleTimers(ws);
        this.holds.set(ws, w.hold);
        for (const t of this.tsm.deadlines(ws.trigger)) this.processingTimers.push(ws, t);
      }
    }
  }

  /** The trigger context of `ws` (reused: valid until the next call). */
  context(ws: WindowState): TriggerContext {
    const ctx = this.ctx;
    if (ctx.ws !== ws) ctx.ws = ws;
    return ctx;
  }

  /** The processing time of the current bundle or timer firing (the trigger context's). */
  get currentProcessingTime(): Instant {
    return this.processingTime;
  }

  setProcessingTimer(ws: WindowState, t: Instant): void {
    this.processingTimers.push(ws, t);
  }

  /** The state of `key` in `table`, the table of a window that never merges; created when missing. */
  private tableState(key: unknown, table: WindowTable): TableState {
    const last = table.last;
    // `===` is the map's key equality for primitives (but NaN, which misses here and is found
    // there); an object key is its encoding, which the object may have changed since.
    if (last !== undefined && last.key === key && last.live) return last;
    const ws = table.states.get(key) ?? this.addTableState(key, table);
    table.last = typeof key === "object" && key !== null ? undefined : ws;
    return ws;
  }

  /** A new state of `key` in `table`, filed and with its timers set (out of `tableState`'s common path). */
  private addTableState(key: unknown, table: WindowTable): TableState {
    const ws = this.newTableState(key, table);
    table.states.set(key, ws);
    this.scheduleTimers(ws);
    return ws;
  }

  /** A new, empty state of `key` in the table of a window that never merges, without timers yet. */
  private newTableState(key: unknown, table: WindowTable): TableState {
    return newTableState(key, table, this.reducer.createAccumulator(), this.tsm.newState());
  }

  /**
   * Sets the state's end-of-window and garbage-collection timers for its current window. A
   * merging window's state sets its hold after this (HoldQueue leaves out a hold a timer stands in for).
   */
  private scheduleTimers(ws: WindowState): void {
    this.timers.scheduleWindow(ws, this.strategy.allowedLateness, this.inputWatermark);
  }

  private addElement(ws: WindowState, value: unknown): void {
    try {
      ws.acc = this.reducer.addInput(ws.acc, value);
    } catch (e) {
      throw new UserCodeError(this.step, value, e);
    }
    // With fixed holds only the first element since the last pane can set one (the watermarks
    // never go back, so a window too late to hold stays so). Any state holding at its window's
    // end already is left as it is by an element of an END_OF_WINDOW strategy.
    const first = ws.isEmpty;
    if (this.fixedHolds === true ? first === true : !this.holdsAtEnd(ws)) this.holdFor(ws);
    ws.isEmpty = false;
    // The pane's later elements leave a trigger that only their first can change (no counts).
    if (first === true || this.everyElementTriggers === true)
      this.tsm.onElement(ws.trigger, this.elementReadsContext === true ? this.context(ws) : this.ctx);
  }

  /** True when `ws` holds at its window's end, where any element of an END_OF_WINDOW strategy would. */
  private holdsAtEnd(ws: WindowState): boolean {
    return this.endOfWindowHolds === true && ws.hold === ws.window.maxTimestamp();
  }

  /** Holds the output watermark for the element being added to `ws` (at `elementTimestamp`), unless it is too late to. */
  private holdFor(ws: WindowState): void {
    const hold = elementHold(this.strategy, ws.window, this.elementTimestamp);
    if (hold >= this.outputWatermark && ws.window.maxTimestamp() >= this.inputWatermark) {
      const combined = Number.isNaN(ws.hold) ? hold : combineHolds(this.strategy, ws.hold, hold);
      if (combined !== ws.hold) this.holds.set(ws, combined);
    }
  }

  /** The state's due garbage-collection timer (last pane, then collected) or end-of-window timer. */
  private readonly fireTimer = (ws: WindowState, gc: boolean): void => {
    if (gc) {
      if (!ws.closed) this.onTrigger(ws, true);
      this.holds.release(ws);
      this.store.collect(ws);
    } else {
      if (!ws.closed && this.tsm.shouldFire(ws.trigger, this.context(ws))) this.fireByTrigger(ws);
      this.holds.recheck(ws);
    }
  };

  /** A firing decided by the trigger: inform it, emit the pane, close the window if it finished. */
  private fireByTrigger(ws: WindowState): void {
    this.tsm.onFire(ws.trigger, this.context(ws));
    const finished = this.tsm.isFinished(ws.trigger);
    this.onTrigger(ws, finished);
    if (finished) {
      ws.closed = true;
      ws.acc = undefined;
    }
  }

  /** Emits the window's pane if it must be emitted, then prepares for the next pane. */
  private onTrigger(ws: WindowState, isFinished: boolean): void {
    const next = nextPane(ws, isFinished, this.inputWatermark, this.strategy);
    if (next) {
      ws.lastPane = next.pane;
      ws.ownsWindow = false; // the pane carries the window
      let output: unknown;
      try {
        output = this.reducer.extractOutput(ws.acc);
      } catch (e) {
        throw new UserCodeError(this.step, ws.key, e);
      }
      const wv: WindowedValue<KV<unknown, unknown>> = {
        value: kv(ws.key, output),
        timestamp: next.timestamp,
        windows: ws.table ? ws.table.windows : [ws.window],
        pane: next.pane,
      };
      this.pending.push(wv);
    }
    ws.isEmpty = true;
    this.holds.release(ws);
    if (this.strategy.accumulationMode === "DISCARDING") ws.acc = this.reducer.createAccumulator();
  }
}
