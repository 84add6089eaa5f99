import { decodeFromBytes } from "../../coders/decodeFromBytes";
import { fromCheckpointedData, toCheckpointedData } from "../state/checkpointedState";
import { encodeToBytes } from "../../coders/encodeToBytes";
import { structuralKey } from "../../coders/structuralKey";
import type { TransformNode } from "../../model/TransformNode";
import type { MetricsContainer } from "../../metrics/MetricsContainer";
import type { CombineFn } from "../../transforms/CombineFn";
import { END_OF_GLOBAL_WINDOW, MAX_TIMESTAMP, type Instant } from "../../time/Instant";
import { kv, type KV } from "../../values/KV";
import { paneInfo, type PaneInfo, type Timing } from "../../values/PaneInfo";
import type { WindowedValue } from "../../values/WindowedValue";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import { GlobalWindow } from "../../windowing/GlobalWindow";
import { IntervalWindow } from "../../windowing/IntervalWindow";
import { Sessions } from "../../windowing/Sessions";
import type { WindowingStrategy } from "../../windowing/WindowingStrategy";
import { Executor, type Bundle, type Emitter } from "../Executor";
import { MinHeap } from "../MinHeap";
import { TriggerStateMachine, type TriggerContext, type TriggerState } from "../triggers/TriggerStateMachine";
import { UserCodeError } from "../UserCodeError";
import { isDroppable, keyOf } from "../keyOf";

/** The state of one key in one window (Beam's ReduceFnRunner state for that window). */
interface WindowState {
  readonly keyState: KeyState;
  /** Changes only when merging reuses this state for the merged window. */
  window: BoundedWindow;
  /** The grouped values (GroupByKey) or the CombineFn accumulator (Combine). */
  acc: unknown;
  /** No input since the last pane. */
  isEmpty: boolean;
  /** The element watermark hold; NaN when none. */
  hold: number;
  readonly trigger: TriggerState;
  lastPane: PaneInfo | undefined;
  /** The trigger finished: the window is closed and later input is dropped until garbage collection. */
  closed: boolean;
  /** When the end-of-window and garbage-collection timers are due (NaN: none). */
  eowAt: number;
  gcAt: number;
  /** The time of the queued heap entry of each timer (NaN: none queued): timers are re-armed lazily. */
  eowQueued: number;
  gcQueued: number;
}

interface KeyState {
  readonly id: string;
  readonly key: unknown;
  readonly windows: Map<string, WindowState>;
}

interface EventTimer {
  readonly t: Instant;
  readonly ws: WindowState;
  readonly gc: boolean;
}

/** The plain-data form of a grouping step's state, as checkpoints keep it. @internal */
export interface GroupingSnapshot {
  readonly sawInput: boolean;
  readonly insertedDefault: boolean;
  readonly keys: ReadonlyArray<{
    readonly key: unknown;
    readonly windows: ReadonlyArray<{
      readonly window: Uint8Array;
      /** The accumulator (encoded by the CombineFn's accumulatorCoder when it has one); null once closed. */
      readonly acc: unknown;
      readonly isEmpty: boolean;
      readonly hold: number;
      readonly finished: readonly number[];
      readonly data: readonly number[];
      readonly lastPane: PaneInfo | null;
      readonly closed: boolean;
    }>;
  }>;
}

/** How values are folded per key and window: a list (GroupByKey) or a CombineFn (Combine). */
type Reducer = CombineFn<unknown, unknown, unknown>;

/** GroupByKey's reducer: buffers the values. */
const BUFFER: Reducer = {
  createAccumulator: () => [],
  addInput: (acc, v) => {
    (acc as unknown[]).push(v);
    return acc;
  },
  mergeAccumulators: (accs) => ([] as unknown[]).concat(...(accs as unknown[][])),
  extractOutput: (acc) => (acc as unknown[]).slice(),
  toString: () => "buffer",
};

/**
 * Groups (or combines) values per key and window and fires panes as the trigger says: Beam's
 * GroupAlsoByWindow with its ReduceFnRunner. Handles merging windows, watermark holds per the
 * timestamp combiner, allowed lateness (dropping and counting late data), pane numbering, and
 * garbage collection of window state.
 * @internal
 */
export class GroupAlsoByWindowExecutor extends Executor {
  private readonly keys = new Map<string, KeyState>();
  private readonly tsm: TriggerStateMachine;
  private readonly eventTimers = new MinHeap<EventTimer>(
    (a, b) => a.t < b.t || (a.t === b.t && !a.gc && b.gc),
  );
  private readonly processingTimers = new MinHeap<{ t: Instant; ws: WindowState }>((a, b) => a.t < b.t);
  private readonly holds = new MinHeap<{ hold: number; ws: WindowState }>((a, b) => a.hold < b.hold);
  private readonly reducer: Reducer;
  private readonly sessions: boolean;
  private readonly metrics: MetricsContainer;
  private sawInput = false;
  private insertedDefault = false;
  private processingTime = 0;
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
    if (outputs.has("lateData")) this.lateData = [];
    this.tsm = new TriggerStateMachine(strategy.trigger, strategy.isMerging);
    this.metrics = metrics;
    this.ctx = {
      window: GlobalWindow.INSTANCE,
      inputWatermark: this.inputWatermark,
      processingTime: 0,
      setProcessingTimer: (t: Instant) => {
        if (this.currentWs) this.processingTimers.push({ t, ws: this.currentWs });
      },
    };
  }

  receive(_inputIndex: number, bundle: Bundle): void {
    this.processingTime = this.now();
    const touched = new Set<WindowState>();
    const lateness = this.strategy.allowedLateness;
    for (const wv of bundle) {
      const { kv: element, keyId } = keyOf(this.step, wv.value, "GroupByKey and Combine.perKey need");
      this.sawInput = true;
      for (const window of wv.windows) {
        if (isDroppable(window, lateness, this.inputWatermark)) {
          this.metrics.counter("droppedDueToLateness").inc();
          if (this.lateData)
            this.lateData.push({ value: element, timestamp: wv.timestamp, windows: [window], pane: wv.pane });
          continue;
        }
        let ks = this.keys.get(keyId);
        if (!ks) this.keys.set(keyId, (ks = { id: keyId, key: element.key, windows: new Map() }));
        const ws = this.strategy.isMerging ? this.mergeInto(ks, window) : this.windowState(ks, window);
        if (ws.closed) {
          this.metrics.counter("droppedDueToClosedWindow").inc();
          continue;
        }
        this.addElement(ws, element.value, wv.timestamp);
        touched.add(ws);
      }
    }
    for (const ws of touched) {
      if (ws.keyState.windows.get(ws.window.id) !== ws || ws.closed) continue;
      if (this.tsm.shouldFire(ws.trigger, this.context(ws))) this.fireByTrigger(ws);
    }
    this.flush();
  }

  private flush(): void {
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
    super.advanceWatermark(inputWatermarks);
    if (this.inputWatermark > before) {
      this.processingTime = this.now();
      this.fireEventTimers();
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
      this.flush();
    }
    const hold = this.minHold();
    const out = Math.min(this.inputWatermark, hold);
    if (out > this.outputWatermark) this.outputWatermark = out;
    return this.outputWatermark;
  }

  override fireProcessingTimers(now: Instant): boolean {
    this.processingTime = now;
    let fired = false;
    for (let top = this.processingTimers.peek(); top && top.t <= now; top = this.processingTimers.peek()) {
      this.processingTimers.pop();
      const ws = top.ws;
      if (ws.keyState.windows.get(ws.window.id) !== ws || ws.closed) continue;
      if (this.tsm.shouldFire(ws.trigger, this.context(ws))) {
        this.fireByTrigger(ws);
        fired = true;
      }
    }
    this.flush();
    return fired;
  }

  override nextProcessingTimer(): Instant {
    return this.processingTimers.peek()?.t ?? Infinity;
  }

  override snapshot(): GroupingSnapshot {
    const coder = this.strategy.windowFn.windowCoder;
    const keys: Array<GroupingSnapshot["keys"][number]> = [];
    for (const ks of this.keys.values()) {
      keys.push({
        key: ks.key,
        windows: [...ks.windows.values()].map((ws) => ({
          window: encodeToBytes(coder, ws.window),
          acc: ws.closed ? null : this.encodeAccumulator(ws.acc),
          isEmpty: ws.isEmpty,
          hold: ws.hold,
          finished: [...ws.trigger.finished],
          data: [...ws.trigger.data],
          lastPane: ws.lastPane ?? null,
          closed: ws.closed,
        })),
      });
    }
    return { sawInput: this.sawInput, insertedDefault: this.insertedDefault, keys };
  }

  override restore(snapshot: unknown): void {
    const snap = snapshot as GroupingSnapshot;
    const coder = this.strategy.windowFn.windowCoder;
    this.keys.clear();
    this.sawInput = snap.sawInput;
    this.insertedDefault = snap.insertedDefault;
    for (const k of snap.keys) {
      const ks: KeyState = { id: structuralKey(k.key), key: k.key, windows: new Map() };
      this.keys.set(ks.id, ks);
      for (const w of k.windows) {
        const trigger = this.tsm.newState();
        trigger.finished.set(w.finished);
        trigger.data.set(w.data);
        const ws: WindowState = {
          keyState: ks,
          window: decodeFromBytes(coder, w.window),
          acc: w.closed ? undefined : this.decodeAccumulator(w.acc),
          isEmpty: w.isEmpty,
          hold: w.hold,
          trigger,
          lastPane: w.lastPane ?? undefined,
          closed: w.closed,
          eowAt: NaN,
          gcAt: NaN,
          eowQueued: NaN,
          gcQueued: NaN,
        };
        ks.windows.set(ws.window.id, ws);
        this.scheduleTimers(ws);
        if (!Number.isNaN(ws.hold)) this.holds.push({ hold: ws.hold, ws });
        for (const t of this.tsm.deadlines(trigger)) this.processingTimers.push({ t, ws });
      }
    }
  }

  private encodeAccumulator(acc: unknown): unknown {
    const c = this.reducer.accumulatorCoder;
    return c
      ? encodeToBytes(c, this.reducer.compact ? this.reducer.compact(acc) : acc)
      : toCheckpointedData(acc);
  }

  private decodeAccumulator(data: unknown): unknown {
    const c = this.reducer.accumulatorCoder;
    if (c) return decodeFromBytes(c, data as Uint8Array);
    const [form, plain] = data as ReturnType<typeof toCheckpointedData>;
    return fromCheckpointedData(form, structuredClone(plain));
  }

  /** Number of live (key, window) states, for tests and metrics. */
  liveWindowCount(): number {
    let n = 0;
    for (const ks of this.keys.values()) n += ks.windows.size;
    return n;
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

  private windowState(ks: KeyState, window: BoundedWindow): WindowState {
    let ws = ks.windows.get(window.id);
    if (!ws) {
      ws = this.newWindowState(ks, window);
      ks.windows.set(window.id, ws);
    }
    return ws;
  }

  /** A new, empty state for `window`; its timers are set unless `schedule` is false (merging sets them once it knows which states survive). */
  private newWindowState(ks: KeyState, window: BoundedWindow, schedule = true): WindowState {
    const ws: WindowState = {
      keyState: ks,
      window,
      acc: this.reducer.createAccumulator(),
      isEmpty: true,
      hold: NaN,
      trigger: this.tsm.newState(),
      lastPane: undefined,
      closed: false,
      eowAt: NaN,
      gcAt: NaN,
      eowQueued: NaN,
      gcQueued: NaN,
    };
    if (schedule) this.scheduleTimers(ws);
    return ws;
  }

  /**
   * Sets the end-of-window timer (while it is ahead of the watermark) and the garbage-collection
   * timer of the state's current window. A timer that moved later keeps its queued heap entry,
   * which re-arms itself when it comes due: a session that grows with every element does not fill
   * the heap with stale entries.
   */
  private scheduleTimers(ws: WindowState): void {
    const eow = ws.window.maxTimestamp();
    const gc = this.gcTime(ws.window);
    ws.eowAt = gc !== eow && eow >= this.inputWatermark ? eow : NaN;
    ws.gcAt = gc;
    this.queueTimer(ws, false);
    this.queueTimer(ws, true);
  }

  private queueTimer(ws: WindowState, gc: boolean): void {
    const t = gc ? ws.gcAt : ws.eowAt;
    if (Number.isNaN(t)) return;
    const queued = gc ? ws.gcQueued : ws.eowQueued;
    if (queued <= t) return; // an earlier entry is queued: it re-arms at `t` when due
    this.eventTimers.push({ t, ws, gc });
    if (gc) ws.gcQueued = t;
    else ws.eowQueued = t;
  }

  /**
   * Adds `window` to the key's active windows and merges what the WindowFn says to merge;
   * returns the state of the window the new one ended up in.
   */
  private mergeInto(ks: KeyState, window: BoundedWindow): WindowState {
    const existing = ks.windows.get(window.id);
    if (existing) return existing;
    // Sessions: a proto-window inside an active session merges into it and changes nothing else
    // (its state is empty), so skip building and merging it — the common case within a session.
    if (this.sessions && window instanceof IntervalWindow) {
      for (const ws of ks.windows.values()) {
        const w = ws.window as IntervalWindow;
        if (!ws.closed && w.start <= window.start && window.end <= w.end) return ws;
      }
    }
    const fresh = this.newWindowState(ks, window, false);
    const created = [fresh];
    ks.windows.set(window.id, fresh);
    const active: BoundedWindow[] = [];
    for (const ws of ks.windows.values()) if (!ws.closed) active.push(ws.window);
    let target = fresh;
    for (const { toMerge, result } of this.strategy.windowFn.mergeWindows!(active)) {
      const states = toMerge.map((w) => ks.windows.get(w.id)!);
      const kept = ks.windows.get(result.id);
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
      const ctx = this.context(merged);
      const trigger = this.tsm.merge(
        states.map((s) => s.trigger),
        ctx,
      );
      merged.trigger.finished.set(trigger.finished);
      merged.trigger.data.set(trigger.data);
      try {
        merged.acc = this.reducer.mergeAccumulators(states.map((s) => s.acc));
      } catch (e) {
        throw new UserCodeError(this.step, ks.key, e);
      }
      merged.isEmpty = states.every((s) => s.isEmpty);
      let hold = NaN;
      for (const s of states)
        if (!Number.isNaN(s.hold)) hold = Number.isNaN(hold) ? s.hold : this.combineHolds(hold, s.hold);
      // An end-of-window hold depends only on the window: it moves to the merged window's end.
      merged.hold =
        !Number.isNaN(hold) && this.strategy.timestampCombiner === "END_OF_WINDOW"
          ? result.maxTimestamp()
          : hold;
      if (!Number.isNaN(merged.hold)) this.holds.push({ hold: merged.hold, ws: merged });
      for (const s of toMerge) ks.windows.delete(s.id);
      ks.windows.set(result.id, merged);
      this.scheduleTimers(merged);
      if (states.includes(fresh)) target = merged;
    }
    // Timers only for the new states that survived the merges (a window merged away needs none).
    for (const ws of created) if (ks.windows.get(ws.window.id) === ws) this.scheduleTimers(ws);
    return target;
  }

  private combineHolds(a: number, b: number): number {
    return this.strategy.timestampCombiner === "LATEST" ? Math.max(a, b) : Math.min(a, b);
  }

  private addElement(ws: WindowState, value: unknown, timestamp: Instant): void {
    try {
      ws.acc = this.reducer.addInput(ws.acc, value);
    } catch (e) {
      throw new UserCodeError(this.step, value, e);
    }
    ws.isEmpty = false;
    const hold = this.elementHold(ws.window, timestamp);
    if (hold >= this.outputWatermark && ws.window.maxTimestamp() >= this.inputWatermark) {
      const combined = Number.isNaN(ws.hold) ? hold : this.combineHolds(ws.hold, hold);
      if (combined !== ws.hold) {
        ws.hold = combined;
        this.holds.push({ hold: combined, ws });
      }
    }
    this.tsm.onElement(ws.trigger, this.context(ws));
  }

  /** Where an element holds the output watermark, per the timestamp combiner. */
  private elementHold(window: BoundedWindow, timestamp: Instant): Instant {
    switch (this.strategy.timestampCombiner) {
      case "END_OF_WINDOW":
        return window.maxTimestamp();
      case "EARLIEST":
      case "LATEST":
        return timestamp;
      case "EARLIEST_TRANSFORMED":
        return this.strategy.windowFn.transformOutputTime!(window, timestamp);
    }
  }

  private minHold(): number {
    for (let top = this.holds.peek(); top; top = this.holds.peek()) {
      const ws = top.ws;
      if (ws.hold === top.hold && ws.keyState.windows.get(ws.window.id) === ws) return top.hold;
      this.holds.pop();
    }
    return Infinity;
  }

  private fireEventTimers(): void {
    for (
      let top = this.eventTimers.peek();
      top && top.t < this.inputWatermark;
      top = this.eventTimers.peek()
    ) {
      this.eventTimers.pop();
      const ws = top.ws;
      const ks = ws.keyState;
      if (ks.windows.get(ws.window.id) !== ws) continue;
      if (top.gc ? ws.gcQueued === top.t : ws.eowQueued === top.t) {
        if (top.gc) ws.gcQueued = NaN;
        else ws.eowQueued = NaN;
      }
      const due = top.gc ? ws.gcAt : ws.eowAt;
      if (Number.isNaN(due) || due < top.t) continue;
      if (due > top.t) {
        this.queueTimer(ws, top.gc); // the window grew: re-arm at its new end
        continue;
      }
      if (top.gc) {
        if (!ws.closed) this.onTrigger(ws, true);
        ks.windows.delete(ws.window.id);
        if (ks.windows.size === 0) this.keys.delete(ks.id);
      } else {
        ws.eowAt = NaN;
        if (!ws.closed && this.tsm.shouldFire(ws.trigger, this.context(ws))) this.fireByTrigger(ws);
      }
    }
  }

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
    const window = ws.window;
    const maxTs = window.maxTimestamp();
    const prev = ws.lastPane;
    const timing: Timing =
      this.inputWatermark <= maxTs ? "EARLY" : !prev || prev.timing === "EARLY" ? "ON_TIME" : "LATE";
    const s = this.strategy;
    const emit =
      !ws.isEmpty ||
      (timing === "ON_TIME" && s.onTimeBehavior === "FIRE_ALWAYS") ||
      (isFinished && s.closingBehavior === "FIRE_ALWAYS");
    if (emit) {
      const index = prev ? prev.index + 1 : 0;
      const nonSpeculative =
        timing === "EARLY" ? -1 : prev && prev.nonSpeculativeIndex >= 0 ? prev.nonSpeculativeIndex + 1 : 0;
      const pane = paneInfo(index === 0, isFinished, timing, index, nonSpeculative);
      ws.lastPane = pane;
      let timestamp = Number.isNaN(ws.hold) ? maxTs : ws.hold;
      if (timestamp > maxTs && s.timestampCombiner !== "EARLIEST_TRANSFORMED") timestamp = maxTs;
      let output: unknown;
      try {
        output = this.reducer.extractOutput(ws.acc);
      } catch (e) {
        throw new UserCodeError(this.step, ws.keyState.key, e);
      }
      const wv: WindowedValue<KV<unknown, unknown>> = {
        value: kv(ws.keyState.key, output),
        timestamp,
        windows: [window],
        pane,
      };
      this.pending.push(wv);
    }
    ws.isEmpty = true;
    ws.hold = NaN;
    if (s.accumulationMode === "DISCARDING") ws.acc = this.reducer.createAccumulator();
  }
}
