import { decodeFromBytes } from "../../coders/decodeFromBytes";
import type { TransformNode } from "../../model/TransformNode";
import type { MetricsContainer } from "../../metrics/MetricsContainer";
import type { CombineFn } from "../../transforms/CombineFn";
import { END_OF_GLOBAL_WINDOW, MAX_TIMESTAMP, type Instant } from "../../time/Instant";
import { kv, type KV } from "../../values/KV";
import { paneInfo, type PaneInfo } from "../../values/PaneInfo";
import type { WindowedValue } from "../../values/WindowedValue";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import { GlobalWindow } from "../../windowing/GlobalWindow";
import { IntervalWindow } from "../../windowing/IntervalWindow";
import { Sessions } from "../../windowing/Sessions";
import type { WindowingStrategy } from "../../windowing/WindowingStrategy";
import { Executor, type Bundle, type Emitter } from "../Executor";
import type { ElementConsumer } from "../fusion/ElementConsumer";
import { MinHeap } from "../MinHeap";
import {
  copyTriggerState,
  restoreTriggerState,
  TriggerStateMachine,
  type TriggerContext,
  type TriggerState,
} from "../triggers/TriggerStateMachine";
import { UserCodeError } from "../UserCodeError";
import { isDroppable, kvOf } from "../keyOf";
import { KeyMap } from "../KeyMap";
import { snapshotStates, type GroupingSnapshot } from "./grouping/GroupingSnapshot";
import { BUFFER, type Reducer } from "./grouping/bufferReducer";
import {
  growSession,
  type KeyState,
  type MergingState,
  type TableState,
  type WindowState,
  type WindowTable,
} from "./grouping/WindowState";
import { WindowStates } from "./grouping/WindowStates";
import { newMergingState, newTableState } from "./grouping/newStates";
import { decodeAccumulator } from "./grouping/accumulatorForm";
import { combineHolds, elementHold, mergedHold } from "./grouping/holds";
import { nextPane } from "./grouping/nextPane";
import { HoldQueue } from "./grouping/HoldQueue";
import { EventTimers } from "./grouping/EventTimers";
import { covers, overlapsActive, sessionToJoin, sessionToJoinOne } from "./grouping/sessionJoin";

/**
 * Groups (or combines) values per key and window and fires panes as the trigger says: Beam's
 * GroupAlsoByWindow with its ReduceFnRunner. Handles merging windows, watermark holds per the
 * timestamp combiner, allowed lateness (dropping and counting late data), pane numbering, and
 * garbage collection of window state.
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
  private readonly sessions: boolean;
  /**
   * Windows never merge and elements hold at the end of their window: a state's hold is set by
   * the first element after a pane (or, for a late window, never), and the next ones leave it.
   */
  private readonly fixedHolds: boolean;
  /** Elements hold at the end of their window (END_OF_WINDOW), merging or not. */
  private readonly endOfWindowHolds: boolean;
  private readonly metrics: MetricsContainer;
  private sawInput = false;
  private insertedDefault = false;
  private processingTime = 0;
  /** Counts bundles, to mark the states a bundle touched. */
  private bundles = 0;
  /** Between the first element of a bundle and its `flush`. */
  private inBundle = false;
  /** The states the current bundle added input to, each once: their triggers are asked at its end. */
  private readonly touched: WindowState[] = [];
  /** The one trigger state `extendSession` merges (element 0 set per call). */
  private readonly extensionTriggers: TriggerState[];
  /** Scratch space for merged trigger state, copied into the state that keeps it. */
  private readonly mergedTrigger: TriggerState;
  /** The trigger context, reused: `window` is set before each use. */
  private readonly ctx: {
    window: BoundedWindow;
    inputWatermark: Instant;
    processingTime: Instant;
    setProcessingTimer(t: Instant): void;
  };
  private currentWs: WindowState | undefined;
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
    this.sessions = strategy.windowFn instanceof Sessions;
    this.endOfWindowHolds = strategy.timestampCombiner === "END_OF_WINDOW";
    this.fixedHolds = !strategy.isMerging && this.endOfWindowHolds;
    this.holds = new HoldQueue(this.fixedHolds);
    if (outputs.has("lateData")) this.lateData = [];
    this.tsm = new TriggerStateMachine(strategy.trigger, strategy.isMerging);
    this.mergedTrigger = this.tsm.newState();
    this.extensionTriggers = [this.mergedTrigger];
    this.metrics = metrics;
    this.ctx = {
      window: GlobalWindow.INSTANCE,
      inputWatermark: this.inputWatermark,
      processingTime: 0,
      setProcessingTimer: (t: Instant) => {
        if (this.currentWs) this.processingTimers.push(this.currentWs, t);
      },
    };
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
    if (!this.inBundle) this.startBundle();
    this.addKeyed(key, value, undefined, timestamp, windows, pane);
  }

  /** Ends the bundle: fires the triggers of the states it touched and emits what fired. */
  flush(): void {
    if (this.inBundle) {
      this.inBundle = false;
      const touched = this.touched;
      for (let i = 0; i < touched.length; i++) {
        const ws = touched[i]!;
        if (!ws.live || ws.closed) continue;
        if (this.tsm.shouldFire(ws.trigger, this.context(ws))) this.fireByTrigger(ws);
      }
      touched.length = 0;
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
    this.addKeyed(element.key, element.value, element, timestamp, windows, pane);
  }

  /**
   * {@link add} of the element `{ key, value }`; `element` is that KV when the input had one
   * (undefined when a fused `withKeys` handed the key and value over apart, see `processKeyValue`).
   */
  private addKeyed(
    key: unknown,
    value: unknown,
    element: KV<unknown, unknown> | undefined,
    timestamp: Instant,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    const lateness = this.strategy.allowedLateness;
    const merging = this.strategy.isMerging;
    let ks: KeyState | undefined;
    if (merging) ks = this.keyState(key, value, element);
    else this.checkKey(key, value, element);
    this.sawInput = true;
    for (const window of windows) {
      if (isDroppable(window, lateness, this.inputWatermark)) {
        this.metrics.counter("droppedDueToLateness").inc();
        if (this.lateData)
          this.lateData.push({ value: element ?? kv(key, value), timestamp, windows: [window], pane });
        continue;
      }
      let ws: WindowState;
      if (merging) {
        ks ??= this.store.addKey(key);
        ws = this.mergeInto(ks, window);
      } else {
        ws = this.windowState(key, window);
      }
      if (ws.closed) {
        this.metrics.counter("droppedDueToClosedWindow").inc();
        continue;
      }
      this.addElement(ws, value, timestamp);
      if (ws.touchedIn !== this.bundles) {
        ws.touchedIn = this.bundles;
        this.touched.push(ws);
      }
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
          ws = this.newMergingState(ks, window);
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

  private context(ws: WindowState): TriggerContext {
    this.ctx.window = ws.window;
    this.ctx.inputWatermark = this.inputWatermark;
    this.ctx.processingTime = this.processingTime;
    this.currentWs = ws;
    return this.ctx;
  }

  private gcTime(window: BoundedWindow): Instant {
    return Math.min(window.maxTimestamp() + this.strategy.allowedLateness, MAX_TIMESTAMP);
  }

  /** The state of `key` in `window`, a window that never merges; created when missing. */
  private windowState(key: unknown, window: BoundedWindow): TableState {
    const table = this.store.table(window);
    let ws = table.states.get(key);
    if (!ws) {
      ws = this.newTableState(key, table);
      table.states.set(key, ws);
      this.scheduleTimers(ws);
    }
    return ws;
  }

  /** A new, empty state of the key `ks` for the merging window `window`, without timers yet. */
  private newMergingState(ks: KeyState, window: BoundedWindow): MergingState {
    return newMergingState(ks, window, this.reducer.createAccumulator(), this.tsm.newState());
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
    this.timers.schedule(ws, ws.window.maxTimestamp(), this.gcTime(ws.window), this.inputWatermark);
  }

  /**
   * Adds `window` to the key's active windows and merges what the WindowFn says to merge;
   * returns the state of the window the new one ended up in.
   */
  private mergeInto(ks: KeyState, window: BoundedWindow): MergingState {
    if (this.sessions) {
      const joined = this.joinSession(ks, window as IntervalWindow);
      if (joined) return joined;
      if (!overlapsActive(ks.windows, window as IntervalWindow)) return this.openSession(ks, window);
    } else {
      const existing = this.store.stateOf(ks, window);
      if (existing) return existing;
    }
    const fresh = this.newMergingState(ks, window);
    const created = [fresh];
    this.store.put(ks, fresh);
    const active: BoundedWindow[] = [];
    for (const ws of ks.windows) {
      ws.ownsWindow = false; // the WindowFn may hand a window back as a merge result
      if (!ws.closed) active.push(ws.window);
    }
    let target = fresh;
    for (const { toMerge, result } of this.strategy.windowFn.mergeWindows!(active)) {
      const states = toMerge.map((w) => this.store.stateOf(ks, w)!);
      const kept = this.store.stateOf(ks, result);
      // The merged window keeps the state of the window it equals (pane numbering included);
      // a window that is new reuses one merged state's object for it (its queued timers re-arm
      // lazily), with fresh pane numbering, as a new window gets.
      let merged: WindowState;
      if (kept && states.includes(kept)) {
        merged = kept;
      } else {
        merged = states[0]!;
        merged.window = result;
        merged.lastPane = undefined;
      }
      this.mergeTriggers(
        merged,
        states.map((s) => s.trigger),
      );
      merged.acc = this.mergeAccumulators(
        ks,
        states.map((s) => s.acc),
      );
      merged.isEmpty = states.every((s) => s.isEmpty);
      let hold = NaN;
      for (const s of states)
        if (!Number.isNaN(s.hold))
          hold = Number.isNaN(hold) ? s.hold : combineHolds(this.strategy, hold, s.hold);
      for (const s of states) if (s !== merged) this.store.remove(ks, s);
      this.store.put(ks, merged);
      this.scheduleTimers(merged);
      this.holds.set(merged, mergedHold(this.strategy, hold, result)); // after the timers: see HoldQueue
      if (states.includes(fresh)) target = merged;
    }
    // Timers only for the new states that survived the merges (a window merged away needs none).
    for (const ws of created) if (ws.live) this.scheduleTimers(ws);
    return target;
  }

  /**
   * A new session of its own for the proto-session `window`, which overlaps no active session
   * of the key: what the general merge gives it (the active sessions never overlap each other,
   * so the WindowFn would merge nothing), without asking the WindowFn.
   */
  private openSession(ks: KeyState, window: BoundedWindow): MergingState {
    const fresh = this.newMergingState(ks, window);
    this.store.put(ks, fresh);
    this.scheduleTimers(fresh);
    return fresh;
  }

  /**
   * Joins the proto-session `window` to the key's session `sessionToJoin` finds, extending that
   * session in place when it does not cover the window yet, as the general merge would (the same
   * state object, window, trigger, accumulator and hold); undefined when the general merge is needed.
   */
  private joinSession(ks: KeyState, window: IntervalWindow): MergingState | undefined {
    const only = ks.only;
    const ws = only !== undefined ? sessionToJoinOne(only, window) : sessionToJoin(ks.windows, window);
    if (ws && !covers(ws.window as IntervalWindow, window)) this.extendSession(ks, ws, window);
    return ws;
  }

  /**
   * Merges the proto-session `window` into the active session `ws` that starts before it and
   * overlaps it. The proto-session holds no state yet (Beam's NEW window, with no state address),
   * so, as in Beam, only the session's own state takes part: its accumulator stays as it is, and
   * its trigger state is merged alone — still a merge, since the merged window's later end can
   * take AfterWatermark back to its early phase.
   */
  private extendSession(ks: KeyState, ws: MergingState, window: IntervalWindow): void {
    const session = ws.window as IntervalWindow;
    const end = Math.max(session.end, window.end);
    let result = session;
    if (ws.ownsWindow) {
      growSession(session, end);
    } else {
      result = new IntervalWindow(session.start, end);
      ws.window = result;
      ws.ownsWindow = true;
    }
    ws.lastPane = undefined;
    if (!this.tsm.mergeKeeps(ws.trigger)) {
      this.extensionTriggers[0] = ws.trigger;
      this.mergeTriggers(ws, this.extensionTriggers);
    }
    this.store.put(ks, ws);
    this.scheduleTimers(ws);
    this.holds.set(ws, mergedHold(this.strategy, ws.hold, result)); // after the timers: see HoldQueue
  }

  /** Sets `merged`'s trigger state to the merge of `states` (which may include its own). */
  private mergeTriggers(merged: WindowState, states: readonly TriggerState[]): void {
    const trigger = this.tsm.merge(states, this.context(merged), this.mergedTrigger);
    if (trigger === merged.trigger) return; // the trigger keeps no state: all windows share one
    copyTriggerState(merged.trigger, trigger);
  }

  private mergeAccumulators(ks: KeyState, accumulators: unknown[]): unknown {
    try {
      return this.reducer.mergeAccumulators(accumulators);
    } catch (e) {
      throw new UserCodeError(this.step, ks.key, e);
    }
  }

  private addElement(ws: WindowState, value: unknown, timestamp: Instant): void {
    try {
      ws.acc = this.reducer.addInput(ws.acc, value);
    } catch (e) {
      throw new UserCodeError(this.step, value, e);
    }
    // With fixed holds only the first element since the last pane can set one (the watermarks
    // never go back, so a window too late to hold stays so). Any state holding at its window's
    // end already is left as it is by an element of an END_OF_WINDOW strategy.
    if (this.fixedHolds ? ws.isEmpty : !this.holdsAtEnd(ws)) this.holdFor(ws, timestamp);
    ws.isEmpty = false;
    this.tsm.onElement(ws.trigger, this.context(ws));
  }

  /** True when `ws` holds at its window's end, where any element of an END_OF_WINDOW strategy would. */
  private holdsAtEnd(ws: WindowState): boolean {
    return this.endOfWindowHolds && ws.hold === ws.window.maxTimestamp();
  }

  /** Holds the output watermark for an element of `ws` at `timestamp`, unless it is too late to. */
  private holdFor(ws: WindowState, timestamp: Instant): void {
    const hold = elementHold(this.strategy, ws.window, timestamp);
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
