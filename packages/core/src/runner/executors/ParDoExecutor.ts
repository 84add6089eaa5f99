import type { MetricsContainer } from "../../metrics/MetricsContainer";
import {
  fromCheckpointedState,
  toCheckpointedState,
  type CheckpointedState,
} from "../state/checkpointedState";
import type { TupleTag } from "../../model/TupleTag";
import type { TransformNode } from "../../model/TransformNode";
import type { StateAccess } from "../../state/StateAccess";
import type { TimerAccess } from "../../state/TimerAccess";
import type { DeadLetter } from "../../transforms/DeadLetter";
import type { BundleContext, DoFn, ProcessContext } from "../../transforms/DoFn";
import type { PCollectionView } from "../../transforms/PCollectionView";
import { MIN_TIMESTAMP, type Instant } from "../../time/Instant";
import { NO_FIRING, type PaneInfo } from "../../values/PaneInfo";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import { GlobalWindow } from "../../windowing/GlobalWindow";
import { Executor, type Bundle, type Emitter } from "../Executor";
import { UserCodeError } from "../UserCodeError";
import type { WindowingStrategy } from "../../windowing/WindowingStrategy";
import { PushedBack, type PushedBackSnapshot } from "./parDo/PushedBack";
import { TaggedOutputs } from "./parDo/TaggedOutputs";
import { SideInputs, type SideInputsSnapshot } from "./parDo/SideInputs";
import { elementFunctionOf, isWindowBlind } from "../../transforms/windowBlind";
import type { StateSnapshot } from "../state/StateBackend";
import type { ElementConsumer } from "../fusion/ElementConsumer";
import { MainOutput } from "../fusion/MainOutput";
import type { ChainStep } from "../fusion/compileChains";
import { isPromiseLike } from "../isPromiseLike";

/** The plain-data form of a ParDo's state, as checkpoints keep it. @internal */
export interface ParDoSnapshot extends SideInputsSnapshot {
  readonly state: CheckpointedState | null;
  /** What the DoFn's prepareCommit returned for this checkpoint (null when it has none). */
  readonly prepared: unknown;
  readonly pushedBack: PushedBackSnapshot;
}

const NO_STATE: StateAccess = {
  access(): never {
    throw new Error("this DoFn declares no state; declare it in the DoFn's `state` field");
  },
};
const NO_TIMERS: TimerAccess = {
  access(): never {
    throw new Error("this DoFn declares no timers; declare them in the DoFn's `timers` field");
  },
};

/**
 * The methods an element of a stateless DoFn passes through, which a fused step gets its own
 * copies of (`ownCopies`): each refers to nothing but `this`, its parameters and globals.
 */
export const ELEMENT_PATH: readonly string[] = [
  "processElement",
  "processDirect",
  "processInWindows",
  "invoke",
  "output",
  "outputWithTimestamp",
];

/**
 * Runs a DoFn over bundles: lifecycle calls, per-window processing, tagged outputs, side inputs
 * (main-input elements wait until their side-input windows are ready, holding the watermark),
 * and error handling (retries, then a dead-letter output or a {@link UserCodeError}). A DoFn with
 * state or timers runs in its subclass, {@link StatefulParDoExecutor}.
 * @internal
 */
export class ParDoExecutor
  extends Executor
  implements ProcessContext<unknown>, BundleContext<unknown>, ElementConsumer
{
  /** Read, with `startBundleIfNeeded` and `failure`, by compiled chains too (`chainStep`). */
  private inBundle = false;
  /** The additional outputs, buffered by tag. */
  private readonly tagged: TaggedOutputs;
  private readonly main: MainOutput;
  /** The side-input data, watermarks and readiness; empty when the DoFn declares no side inputs. */
  private readonly sideInputs: SideInputs;
  /** Main-input elements waiting for their side-input windows. */
  private readonly waiting = new PushedBack();
  private readonly skew: number;
  /** The DoFn never reads its window: an element in several windows is processed once. */
  private readonly windowBlind: boolean;
  /** A failed `process` call is retried or dead-lettered (its outputs are then rolled back). */
  private readonly recoverable: boolean;
  /** The DoFn reads side inputs: a main-input element waits until they are ready in its window. */
  private readonly holdsBack: boolean;

  // The current element, set before each process call (the context is reused).
  timestamp: Instant = MIN_TIMESTAMP;
  window: BoundedWindow = GlobalWindow.INSTANCE;
  pane: PaneInfo = NO_FIRING;
  protected windows: readonly BoundedWindow[] = [GlobalWindow.INSTANCE];
  /** The current element's key (set by a stateful DoFn's executor; undefined otherwise). */
  key: unknown = undefined;
  /** The prepared commit of a restored checkpoint: committed again in setup. */
  private restoredCommit: unknown = null;
  /**
   * The function of a library `map`, `filter` or `withKeys` (one of the three set), when the
   * step has no side inputs and its failures are not retried: an element then goes through
   * `processDirect`, not the DoFn and its context.
   */
  private readonly mapFn: ((element: unknown) => unknown) | undefined;
  private readonly filterFn: ((element: unknown) => boolean) | undefined;
  private readonly keyFn: ((element: unknown) => unknown) | undefined;
  private readonly direct: boolean;

  constructor(
    node: TransformNode,
    outputs: ReadonlyMap<string, Emitter>,
    protected readonly fn: DoFn<unknown, unknown>,
    sideInputViews: readonly PCollectionView<unknown>[],
    private readonly deadLetters: boolean,
    private readonly maxRetries: number,
    readonly metrics: MetricsContainer,
    protected readonly strategy: WindowingStrategy,
  ) {
    super(node, outputs);
    this.main = new MainOutput(this.emitter());
    this.tagged = new TaggedOutputs(outputs.keys());
    this.sideInputs = new SideInputs(sideInputViews);
    this.holdsBack = sideInputViews.length > 0;
    this.skew = fn.allowedTimestampSkew ?? 0;
    this.windowBlind = isWindowBlind(fn);
    this.recoverable = deadLetters || maxRetries > 0;
    // A library map, filter or withKeys declares no state, so it never runs in the stateful subclass.
    const f = this.holdsBack || this.recoverable ? undefined : elementFunctionOf(fn);
    this.mapFn = f?.kind === "map" ? f.fn : undefined;
    this.filterFn = f?.kind === "filter" ? f.fn : undefined;
    this.keyFn = f?.kind === "withKeys" ? f.fn : undefined;
    this.direct = f !== undefined;
  }

  override async setup(): Promise<void> {
    await this.fn.setup?.();
    if (this.restoredCommit !== null && this.fn.commit) await this.fn.commit(this.restoredCommit);
  }

  /** True when the DoFn is a two-phase-commit sink (it has `prepareCommit` and `commit`). */
  get commitsTwoPhase(): boolean {
    return this.fn.prepareCommit !== undefined && this.fn.commit !== undefined;
  }

  /** Prepares and commits at once (a run without checkpoints): at-least-once for the sink. */
  async commitNow(): Promise<void> {
    if (!this.fn.prepareCommit || !this.fn.commit) return;
    const prepared = this.fn.prepareCommit();
    if (prepared !== null && prepared !== undefined) await this.fn.commit(prepared);
  }

  /** Commits what this step prepared for a checkpoint that is now durable. */
  async commit(prepared: unknown): Promise<void> {
    if (prepared !== null && this.fn.commit) await this.fn.commit(prepared);
  }

  override async teardown(): Promise<void> {
    await this.fn.teardown?.();
  }

  receive(inputIndex: number, bundle: Bundle): void {
    if (inputIndex > 0) {
      this.receiveSide(inputIndex - 1, bundle);
      return;
    }
    this.startBundleIfNeeded();
    if (this.holdsBack) {
      for (let i = 0; i < bundle.length; i++) {
        const wv = bundle[i]!;
        this.processOrHoldBack(wv.value, wv.timestamp, wv.windows, wv.pane);
      }
    } else {
      this.processAll(bundle);
    }
    this.flush();
  }

  /**
   * Any ParDo can take its main input from a fused step (side inputs still come in bundles). Its
   * main output can feed one only when a failure cannot be retried or dead-lettered (the fused
   * consumer's work on a failed attempt's outputs could not be rolled back) and it is no
   * two-phase-commit sink.
   */
  override fusableOutput(): MainOutput | undefined {
    const fusable =
      this.fusableInput() !== undefined &&
      !this.deadLetters &&
      this.maxRetries === 0 &&
      this.fn.prepareCommit === undefined;
    return fusable ? this.main : undefined;
  }

  override fusableInput(): ElementConsumer {
    return this;
  }

  override elementPath(): readonly string[] {
    return ELEMENT_PATH;
  }

  /**
   * A library `map`, `filter` or `withKeys` run directly is written into a compiled chain as its
   * function; any other DoFn without side inputs, retries or dead letters (and without state: see
   * the subclass) as the DoFn, called with this step as its context.
   */
  chainStep(): ChainStep | undefined {
    if (this.filterFn) return { kind: "filter", fn: this.filterFn, executor: this, output: this.main };
    if (this.mapFn) return { kind: "map", fn: this.mapFn, executor: this, output: this.main };
    if (this.keyFn) return { kind: "withKeys", fn: this.keyFn, executor: this, output: this.main };
    if (this.holdsBack || this.recoverable) return undefined;
    return { kind: "parDo", fn: this.fn, executor: this, output: this.main };
  }

  /** One element from the fused step before it. Copied per fused step (see ELEMENT_PATH). */
  processElement(
    value: unknown,
    timestamp: Instant,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    if (!this.inBundle) this.startBundleIfNeeded();
    if (this.direct) this.processDirect(value, timestamp, windows, pane);
    else if (this.holdsBack) this.processOrHoldBack(value, timestamp, windows, pane);
    else this.processInWindows(value, timestamp, windows, pane);
  }

  /**
   * One main-input element of a ParDo with side inputs: processed in each of its windows whose
   * side inputs are ready, held back in the others until they are.
   */
  private processOrHoldBack(
    value: unknown,
    timestamp: Instant,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i]!;
      if (!this.sideInputs.ready(w)) {
        this.waiting.add(value, timestamp, w, pane);
        continue;
      }
      this.processInWindows(value, timestamp, windows.length === 1 ? windows : [w], pane);
    }
  }

  get state(): StateAccess {
    return NO_STATE;
  }

  get timers(): TimerAccess {
    return NO_TIMERS;
  }

  private processAll(bundle: Bundle): void {
    for (let i = 0; i < bundle.length; i++) {
      const wv = bundle[i]!;
      if (this.direct) this.processDirect(wv.value, wv.timestamp, wv.windows, wv.pane);
      else this.processInWindows(wv.value, wv.timestamp, wv.windows, wv.pane);
    }
  }

  /**
   * One element of a library `map`, `filter` or `withKeys`: its function applied to the element,
   * which keeps its timestamp, windows and pane — what the DoFn would do, without setting up its
   * context. Copied per fused step (see ELEMENT_PATH).
   */
  private processDirect(
    value: unknown,
    timestamp: Instant,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    let out: unknown;
    try {
      const filterFn = this.filterFn;
      if (filterFn !== undefined) {
        if (!filterFn(value)) return;
        out = value;
      } else if (this.mapFn !== undefined) {
        out = this.mapFn(value);
      } else {
        out = this.keyFn!(value);
      }
    } catch (e) {
      throw this.failure(value, e);
    }
    if (this.keyFn !== undefined) this.main.pushKeyed(out, value, timestamp, windows, pane);
    else this.main.push(out, timestamp, windows, pane);
  }

  /**
   * Processes one element of a stateless DoFn, once per window (once in all, if it is
   * window-blind). Copied per fused step (see ELEMENT_PATH); the stateful subclass overrides it.
   */
  protected processInWindows(
    value: unknown,
    timestamp: Instant,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    this.timestamp = timestamp;
    // Stored only when they change (the same array and pane for most elements): a store of an
    // object costs a write barrier, a comparison does not. `window` is always `windows[0]`.
    if (this.pane !== pane) this.pane = pane;
    if (windows.length === 1 || this.windowBlind) {
      if (this.windows !== windows) {
        this.window = windows[0]!;
        this.windows = windows;
      }
      this.invoke(this.fn, value);
    } else {
      for (const w of windows) {
        this.window = w;
        this.windows = [w];
        this.invoke(this.fn, value);
      }
    }
  }

  override snapshot(): ParDoSnapshot | undefined {
    const state = this.snapshotState();
    const prepared = this.fn.prepareCommit ? (this.fn.prepareCommit() ?? null) : null;
    if (!state && this.sideInputs.views.length === 0 && !this.fn.prepareCommit) return undefined;
    const side = this.sideInputs.snapshot();
    return {
      state: state ? toCheckpointedState(state) : null,
      prepared,
      pushedBack: this.waiting.snapshot(this.strategy.windowFn.windowCoder),
      sideWatermarks: side.sideWatermarks,
      sideData: side.sideData,
    };
  }

  override restore(snapshot: unknown): void {
    const snap = snapshot as ParDoSnapshot;
    if (snap.state) this.restoreState(fromCheckpointedState(snap.state));
    this.restoredCommit = snap.prepared;
    this.waiting.restore(snap.pushedBack, this.strategy.windowFn.windowCoder);
    this.sideInputs.restore(snap);
  }

  /** A consistent copy of this step's state and timers (stateful DoFns only). */
  snapshotState(): StateSnapshot | undefined {
    return undefined;
  }

  /** Replaces this step's state and timers with `snapshot`. */
  restoreState(_snapshot: StateSnapshot): void {
    throw new Error(`${this.step} has no state to restore`);
  }

  /**
   * Calls `process` for the current element (timestamp, window and pane already set). Copied per
   * fused step (see ELEMENT_PATH): a step that retries or dead-letters takes `invokeRecoverable`.
   */
  protected invoke(fn: DoFn<unknown, unknown>, value: unknown): void {
    if (this.recoverable) {
      this.invokeRecoverable(fn, value);
      return;
    }
    try {
      fn.process(value, this);
    } catch (e) {
      throw this.failure(value, e);
    }
  }

  /** `e`, thrown by the DoFn on `value`, as the UserCodeError that fails the pipeline (called by compiled chains too). */
  private failure(value: unknown, e: unknown): UserCodeError {
    return e instanceof UserCodeError ? e : new UserCodeError(this.step, value, e);
  }

  /** Calls `process`, retrying and then dead-lettering a failure as the step's options say. */
  private invokeRecoverable(fn: DoFn<unknown, unknown>, value: unknown): void {
    const marks = this.bufferMarks();
    for (let attempt = 1; ; attempt++) {
      try {
        fn.process(value, this);
        return;
      } catch (e) {
        this.rollback(marks);
        if (attempt <= this.maxRetries) continue;
        if (!this.deadLetters) throw this.failure(value, e);
        this.metrics.counter("deadLetters").inc();
        const letter: DeadLetter<unknown> = {
          element: value,
          timestamp: this.timestamp,
          step: this.step,
          error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
          attempts: attempt,
        };
        this.tagged.pushById("deadLetters", {
          value: letter,
          timestamp: this.timestamp,
          windows: this.windows,
          pane: this.pane,
        });
        return;
      }
    }
  }

  /** The lengths of the output buffers, to drop the outputs of a failed attempt. */
  private bufferMarks(): number[] {
    const marks = [this.main.length];
    this.tagged.mark(marks);
    return marks;
  }

  private rollback(marks: readonly number[]): void {
    this.main.truncate(marks[0]!);
    this.tagged.rollback(marks, 1);
  }

  // --- ProcessContext ---

  /** Copied per fused step (see ELEMENT_PATH). */
  output(value: unknown): void {
    this.main.push(value, this.timestamp, this.windows, this.pane);
  }

  /** Copied per fused step (see ELEMENT_PATH). */
  outputWithTimestamp(value: unknown, timestamp: Instant): void {
    if (timestamp < this.timestamp - this.skew) {
      throw new Error(
        `cannot output with timestamp ${timestamp}: it is earlier than the input's ${this.timestamp} minus the allowed skew ${this.skew}; ` +
          "set allowedTimestampSkew on the DoFn if this is intended",
      );
    }
    this.main.push(value, timestamp, this.windows, this.pane);
  }

  outputTo<T>(tag: TupleTag<T>, value: T): void {
    this.tagged.push(tag, { value, timestamp: this.timestamp, windows: this.windows, pane: this.pane });
  }

  outputAt(value: unknown, timestamp: Instant, window: BoundedWindow): void {
    this.main.push(value, timestamp, [window], NO_FIRING);
  }

  outputToAt<T>(tag: TupleTag<T>, value: T, timestamp: Instant, window: BoundedWindow): void {
    this.tagged.push(tag, { value, timestamp, windows: [window], pane: NO_FIRING });
  }

  sideInput<T>(view: PCollectionView<T>): T {
    // A loop of its own, not `indexOf` (a call into a builtin per read): a ParDo has few side inputs.
    const views = this.sideInputs.views;
    let i = 0;
    while (i < views.length && views[i] !== view) i++;
    if (i === views.length)
      throw new Error(
        `side input ${view.toString()} is not declared; add it with parDo(fn).withSideInputs(view)`,
      );
    return this.sideInputs.read<T>(i, this.window);
  }

  // --- side inputs ---

  /** Takes a bundle of side input `index`, then processes the held-back elements it made ready. */
  private receiveSide(index: number, bundle: Bundle): void {
    this.sideInputs.receive(index, bundle);
    this.retryPushedBack();
  }

  /** Processes the held-back elements whose side-input windows are now ready. */
  private retryPushedBack(): void {
    if (this.waiting.size === 0) return;
    const groups = this.waiting.takeReady((w) => this.sideInputs.ready(w));
    if (groups.length === 0) return;
    this.startBundleIfNeeded();
    for (const g of groups) {
      for (let i = 0; i < g.size; i++)
        this.processInWindows(g.value(i), g.timestamp(i), g.windows, g.pane(i));
    }
    this.flush();
  }

  override advanceWatermark(inputWatermarks: readonly Instant[]): Instant {
    const main = inputWatermarks[0]!;
    if (main > this.inputWatermark) this.inputWatermark = main;
    for (let i = 0; i < this.sideInputs.views.length; i++)
      this.sideInputs.advanceWatermark(i, inputWatermarks[i + 1]!);
    this.retryPushedBack();
    this.fireEventTimers();
    const out = Math.min(this.inputWatermark, this.stateHold(), this.waiting.minTimestamp());
    if (out > this.outputWatermark) this.outputWatermark = out;
    return this.outputWatermark;
  }

  /** Fires the event-time timers the input watermark passed (the stateful subclass has them). */
  protected fireEventTimers(): void {}

  /** The earliest output timestamp this step's state and timers hold the watermark at. */
  protected stateHold(): Instant {
    return Infinity;
  }

  // --- bundles ---

  protected startBundleIfNeeded(): void {
    if (this.inBundle) return;
    this.inBundle = true;
    try {
      this.fn.startBundle?.(this);
    } catch (e) {
      throw new UserCodeError(this.step, undefined, e);
    }
  }

  /** Ends the open bundle, if any: runs the DoFn's finishBundle (awaited only when it returns a promise), then flushes. */
  override finishBundle(): void | Promise<void> {
    if (!this.inBundle) return;
    this.inBundle = false;
    let finishing: void | Promise<void>;
    try {
      finishing = this.fn.finishBundle?.(this);
    } catch (e) {
      throw new UserCodeError(this.step, undefined, e);
    }
    if (!isPromiseLike(finishing)) {
      this.flush();
      return;
    }
    return Promise.resolve(finishing).then(
      () => this.flush(),
      (e: unknown) => {
        throw new UserCodeError(this.step, undefined, e);
      },
    );
  }

  /** Emits the buffered outputs, one bundle per output (and lets a fused consumer emit its own). */
  flush(): void {
    this.main.flush();
    this.tagged.flush(this.outputs);
  }
}
