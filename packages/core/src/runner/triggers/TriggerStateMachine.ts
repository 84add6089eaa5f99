import type { Instant } from "../../time/Instant";
import type { Trigger } from "../../triggers/Trigger";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import { compile } from "../fusion/ownCopies";

/**
 * What a trigger state machine reads and can do while deciding for one window.
 * @internal
 */
export interface TriggerContext {
  readonly window: BoundedWindow;
  readonly inputWatermark: Instant;
  readonly processingTime: Instant;
  /** Asks to be consulted again when processing time reaches `t`. */
  setProcessingTimer(t: Instant): void;
}

/**
 * The mutable trigger state of one window, in one array: a finished flag (0 or 1) per trigger
 * node, then one number per node (an element count, or a processing-time deadline; NaN when
 * unset) — slot `i` and slot `nodes + i` for node `i`. One plain array, not an object of two
 * nor a typed array: a key of a long-lived window keeps one of these, and each object more is
 * memory and a pointer to follow on every element.
 * @internal
 */
export type TriggerState = number[];

/** A trigger state's flags and numbers apart, as checkpoints keep them. @internal */
export function splitTriggerState(s: TriggerState): { finished: number[]; data: number[] } {
  const n = s.length / 2;
  return { finished: s.slice(0, n), data: s.slice(n) };
}

/** Copies `from` into `into` (states of the same trigger). @internal */
export function copyTriggerState(into: TriggerState, from: TriggerState): void {
  for (let i = 0; i < from.length; i++) into[i] = from[i]!;
}

/** Sets `into` to the state a checkpoint kept apart as `from` (`splitTriggerState`). @internal */
export function restoreTriggerState(
  into: TriggerState,
  from: { readonly finished: readonly number[]; readonly data: readonly number[] },
): void {
  const n = from.finished.length;
  for (let i = 0; i < n; i++) {
    into[i] = from.finished[i]!;
    into[n + i] = from.data[i]!;
  }
}

interface Node {
  readonly trigger: Trigger;
  readonly children: readonly number[];
}

/** What a trigger node does with an element (`onElement`), compiled for one node. */
type ElementStep = (s: TriggerState, ctx: TriggerContext) => void;
/** Whether a trigger node is ready to fire (`shouldFire`), compiled for one node. */
type FireTest = (s: TriggerState, ctx: TriggerContext) => boolean;

const IGNORE_ELEMENT: ElementStep = () => {};
const NEVER_READY: FireTest = () => false;

/**
 * Executes a {@link Trigger} description for windows (Beam's TriggerStateMachine): the runner
 * calls `onElement` per element, asks `shouldFire` after a bundle or a timer, and calls `onFire`
 * when it fires a pane. A finished root closes the window.
 *
 * Semantics follow Beam Java: a finished sub-trigger never fires again; AfterWatermark's early
 * trigger repeats implicitly until the end of the window, its late trigger repeats after it;
 * Repeatedly resets its sub-trigger after each firing; AfterFirst and AfterAll finish after
 * firing; OrFinally finishes when its `until` trigger fires.
 * @internal
 */
export class TriggerStateMachine {
  private readonly nodes: Node[] = [];
  /**
   * The one state of every window when the trigger keeps none (it is made of `default` and
   * `never` nodes only, which no operation writes), so a window's state costs no allocation.
   */
  private readonly sharedState: TriggerState | undefined;
  /**
   * The state of a new window, which new states are slices of: filled by push, so the array is
   * packed (doubles) rather than holey, and a slice has no spare capacity (an
   * array grown by push keeps 16 slots or more).
   */
  private readonly empty: number[] = [];
  /** The number of trigger nodes: where a state's numbers start. */
  private readonly n: number;
  /**
   * Per node, what a state must hold there for a merge of that state alone to give it back
   * unchanged (`mergeKeeps`): 1 a count (a number), 0 nothing (NaN).
   */
  private readonly keptData: number[] = [];
  /**
   * Per node, its `onElement` and `shouldFire` as closures made once for this trigger (slot `i`
   * for node `i`), so an element or a readiness check runs the node's own code, not a dispatch on
   * its kind; a missing early trigger (child -1) is one that ignores elements and never fires.
   */
  private readonly elementSteps: ElementStep[] = [];
  private readonly fireTests: FireTest[] = [];
  /**
   * True when only the first element of a pane can change a window's trigger state, so the
   * runner may leave the others out of `onElement`: windows never merge and no node counts
   * elements (AfterCount, Always). Every other node's element step only starts a processing-time
   * delay, once, and which nodes an element reaches changes only when the trigger fires. (A merge
   * can give a window that has elements a delay not yet started, so merging windows pass every
   * element.)
   */
  readonly firstElementOnly: boolean;
  /**
   * True when only processing-time delays make the trigger ready: every node is AfterProcessingTime,
   * Never or a composite of them (Repeatedly, AfterEach unless windows merge, AfterFirst, AfterAll,
   * OrFinally). Elements
   * only start delays (at or after the current processing time, each with its processing timer set),
   * so a window becomes ready only once one of its timers is due: while every pending timer is
   * after the current processing time, no window is ready.
   */
  readonly readyOnlyAtDeadlines: boolean;
  /**
   * True when `onElement` reads its context: only an AfterProcessingTime node does (its delay
   * starts at the context's processing time and sets a timer through it). Otherwise the runner
   * may pass a context it has not pointed at the window, sparing a store per element.
   */
  readonly elementReadsContext: boolean;

  constructor(
    readonly root: Trigger,
    /** True when windows may merge (sessions): composite triggers then feed every sub-trigger. */
    private readonly merging: boolean,
  ) {
    this.compile(root);
    this.n = this.nodes.length;
    for (let i = 0; i < this.n; i++) {
      this.empty.push(0);
      this.keptData.push(0);
    }
    for (let i = 0; i < this.n; i++) this.empty.push(NaN);
    this.markKeptData(0, false);
    // A node's children come after it (`compile` numbers them depth-first), so compile backwards.
    this.elementSteps.length = this.fireTests.length = this.n;
    for (let i = this.n - 1; i >= 0; i--) {
      this.elementSteps[i] = this.compileElement(i);
      this.fireTests[i] = this.compileFire(i);
    }
    this.rootElementStep = this.elementSteps[0]!;
    this.rootFireTest = this.fireTests[0]!;
    this.firstElementOnly =
      !merging && this.nodes.every((n) => n.trigger.kind !== "afterCount" && n.trigger.kind !== "always");
    const timeOnly = new Set([
      "afterProcessingTime",
      "never",
      "repeatedly",
      "afterEach",
      "afterFirst",
      "afterAll",
      "orFinally",
    ]);
    // With merging windows AfterEach feeds its later sub-triggers too (as Beam does), so their
    // delays start, and their timers come due and pass, before they become current: one can be
    // ready, once the one before it fires, with no timer of its own left to wake it.
    this.readyOnlyAtDeadlines =
      this.nodes.every((n) => timeOnly.has(n.trigger.kind)) &&
      !(merging && this.nodes.some((n) => n.trigger.kind === "afterEach"));
    this.elementReadsContext = this.nodes.some((n) => n.trigger.kind === "afterProcessingTime");
    const keepsNoState = this.nodes.every((n) => n.trigger.kind === "default" || n.trigger.kind === "never");
    this.sharedState = keepsNoState ? this.allocateState() : undefined;
    this.keeps = this.compileKeeps();
  }

  private compile(t: Trigger): number {
    const index = this.nodes.length;
    const children: number[] = [];
    this.nodes.push({ trigger: t, children });
    if (t.kind === "afterWatermark") {
      // Slots: [early, late]; a missing early trigger is `never` (no early panes).
      children.push(t.early ? this.compile(t.early) : -1);
      if (t.late) children.push(this.compile(t.late));
    } else {
      for (const sub of t.subTriggers) children.push(this.compile(sub));
    }
    return index;
  }

  /**
   * Fills `keptData` below node `i`: a merge keeps the counts of AfterCount and Always, and clears
   * everything else a state holds outside a finished node — a late trigger's whole state, in the
   * early phase its merge stays in.
   */
  private markKeptData(i: number, late: boolean): void {
    if (i < 0) return;
    const { trigger: t, children } = this.nodes[i]!;
    if (!late && (t.kind === "afterCount" || t.kind === "always")) this.keptData[i] = 1;
    children.forEach((c, slot) => this.markKeptData(c, late || (t.kind === "afterWatermark" && slot === 1)));
  }

  /** The state of a new window: a fresh one, or the shared one when the trigger keeps no state. */
  newState(): TriggerState {
    return this.sharedState ?? this.allocateState();
  }

  private allocateState(): TriggerState {
    return this.empty.slice();
  }

  /** The pending processing-time deadlines of a state (to re-arm timers after a restore). */
  deadlines(s: TriggerState): number[] {
    const out: number[] = [];
    this.nodes.forEach((n, i) => {
      if (n.trigger.kind === "afterProcessingTime" && !s[i] && !Number.isNaN(s[this.n + i]!))
        out.push(s[this.n + i]!);
    });
    return out;
  }

  isFinished(s: TriggerState): boolean {
    return s[0] === 1;
  }

  /** The root's element step and readiness test, in fields of their own: called per element and per bundle. */
  private readonly rootElementStep: ElementStep;
  private readonly rootFireTest: FireTest;

  onElement(s: TriggerState, ctx: TriggerContext): void {
    this.rootElementStep(s, ctx);
  }

  shouldFire(s: TriggerState, ctx: TriggerContext): boolean {
    return this.rootFireTest(s, ctx);
  }

  onFire(s: TriggerState, ctx: TriggerContext): void {
    this.fired(0, s, ctx);
  }

  /**
   * The state of a window that `states` (of the windows merged into it) merge into, written into
   * `into` (reset first; it must not be one of `states`) or into a new state; the shared state
   * when the trigger keeps none.
   */
  merge(states: readonly TriggerState[], ctx: TriggerContext, into?: TriggerState): TriggerState {
    if (this.sharedState) return this.sharedState;
    let result: TriggerState;
    if (into) {
      into.fill(0, 0, this.n);
      into.fill(NaN, this.n);
      result = into;
    } else {
      result = this.newState();
    }
    this.mergeNode(0, states, result, ctx);
    return result;
  }

  /**
   * True when `merge([s])`, for any window, would give `s` back unchanged and set no timer: no
   * node is finished (so no AfterWatermark has made its on-time firing and the merge stays in the
   * early phase), no processing-time delay is pending, no late trigger holds state, and every
   * count is a number. A session growing by one element then needs no trigger merge.
   */
  mergeKeeps(s: TriggerState): boolean {
    return this.keeps(s);
  }

  /** {@link mergeKeeps}, as a test of this trigger's slots (see `compileKeeps`). */
  private readonly keeps: (s: TriggerState) => boolean;

  /**
   * {@link mergeKeeps} written out for this trigger's nodes, one comparison per slot
   * (`s[0] === 0 && s[2] !== s[2] && …`, a NaN being the one number not equal to itself): a
   * session's extension asks it per element, and the general loop over the nodes, with its loads
   * of the kept data, costs several times as much. The loop itself where code cannot be compiled.
   */
  private compileKeeps(): (s: TriggerState) => boolean {
    if (this.sharedState !== undefined) return () => true;
    const n = this.n;
    const terms: string[] = [];
    for (let i = 0; i < n; i++) {
      const d = `s[${n + i}]`;
      terms.push(`s[${i}] === 0`, this.keptData[i] === 0 ? `${d} !== ${d}` : `${d} === ${d}`);
    }
    const compiled = compile(`return ${terms.join(" && ")};`, ["s"]) as
      ((s: TriggerState) => boolean) | undefined;
    return compiled ?? ((s) => this.keepsByLoop(s));
  }

  /** {@link mergeKeeps} by a loop over the nodes. */
  private keepsByLoop(s: TriggerState): boolean {
    const kept = this.keptData;
    const n = this.n;
    for (let i = 0; i < n; i++) {
      if (s[i] !== 0 || Number.isNaN(s[n + i]!) !== (kept[i] === 0)) return false;
    }
    return true;
  }

  private static eowReached(ctx: TriggerContext): boolean {
    return ctx.inputWatermark > ctx.window.maxTimestamp();
  }

  /** Node `i`'s `shouldFire` (false for -1, a missing early trigger). */
  private fire(i: number, s: TriggerState, ctx: TriggerContext): boolean {
    return i >= 0 && this.fireTests[i]!(s, ctx);
  }

  private elementStep(i: number): ElementStep {
    return i < 0 ? IGNORE_ELEMENT : this.elementSteps[i]!;
  }

  private fireTest(i: number): FireTest {
    return i < 0 ? NEVER_READY : this.fireTests[i]!;
  }

  /**
   * Node `i`'s `onElement`: nothing once the node finished; a count goes up by one; a
   * processing-time delay starts at the first element; composites pass the element on (every
   * child, or in sequence and without merging windows only the running one).
   */
  private compileElement(i: number): ElementStep {
    const { trigger: t, children } = this.nodes[i]!;
    const d = this.n + i;
    switch (t.kind) {
      case "afterCount":
      case "always":
        return (s) => {
          if (s[i]) return;
          const count = s[d]!;
          s[d] = (Number.isNaN(count) ? 0 : count) + 1;
        };
      case "afterProcessingTime":
        return (s, ctx) => {
          if (s[i] || !Number.isNaN(s[d]!)) return;
          const deadline = t.fireTime(ctx.processingTime);
          s[d] = deadline;
          ctx.setProcessingTimer(deadline);
        };
      case "afterWatermark":
      case "afterEach":
        if (!this.merging)
          return (s, ctx) => {
            if (!s[i]) this.elementStep(this.firstUnfinished(i, s))(s, ctx);
          };
        return this.elementToAll(i, children);
      case "repeatedly":
      case "afterFirst":
      case "afterAll":
      case "orFinally":
        return this.elementToAll(i, children);
      case "default":
      case "never":
        return IGNORE_ELEMENT;
    }
  }

  /** Passes an element of unfinished node `i` to each of its children. */
  private elementToAll(i: number, children: readonly number[]): ElementStep {
    const steps = children.map((c) => this.elementStep(c));
    if (steps.length === 1) {
      const only = steps[0]!;
      return (s, ctx) => {
        if (!s[i]) only(s, ctx);
      };
    }
    return (s, ctx) => {
      if (s[i]) return;
      for (let k = 0; k < steps.length; k++) steps[k]!(s, ctx);
    };
  }

  /** Node `i`'s `shouldFire`: never once the node finished. */
  private compileFire(i: number): FireTest {
    const { trigger: t, children } = this.nodes[i]!;
    const d = this.n + i;
    switch (t.kind) {
      case "default":
        return (s, ctx) => !s[i] && TriggerStateMachine.eowReached(ctx);
      case "afterWatermark": {
        const [early, late] = children as [number, number | undefined];
        const earlyReady = this.fireTest(early);
        const lateReady = late === undefined ? NEVER_READY : this.fireTest(late);
        return (s, ctx) => {
          if (s[i]) return false;
          if (!this.earlyDone(i, early, s)) return earlyReady(s, ctx) || TriggerStateMachine.eowReached(ctx);
          return lateReady(s, ctx);
        };
      }
      case "afterProcessingTime":
        return (s, ctx) => !s[i] && !Number.isNaN(s[d]!) && ctx.processingTime >= s[d]!;
      case "afterCount": {
        const count = t.count;
        return (s) => !s[i] && s[d]! >= count;
      }
      case "always":
        return (s) => !s[i] && s[d]! > 0;
      case "repeatedly": {
        const child = this.fireTest(children[0]!);
        return (s, ctx) => !s[i] && child(s, ctx);
      }
      case "afterEach":
        return (s, ctx) => !s[i] && this.fire(this.firstUnfinished(i, s), s, ctx);
      case "afterFirst":
      case "orFinally":
        return (s, ctx) => !s[i] && children.some((c) => this.fire(c, s, ctx));
      case "afterAll":
        return (s, ctx) => !s[i] && children.every((c) => s[c] === 1 || this.fire(c, s, ctx));
      case "never":
        return NEVER_READY;
    }
  }

  private fired(i: number, s: TriggerState, ctx: TriggerContext): void {
    const { trigger: t, children } = this.nodes[i]!;
    switch (t.kind) {
      case "default":
      case "never":
        return;
      case "afterWatermark": {
        const [early, late] = children as [number, number | undefined];
        if (!this.earlyDone(i, early, s)) {
          if (!TriggerStateMachine.eowReached(ctx)) {
            // An early firing: the early trigger repeats implicitly.
            this.fired(early, s, ctx);
            this.clear(early, s);
          } else {
            // The on-time firing: the early trigger is done for good; the late one starts afresh.
            if (early >= 0) {
              if (this.fire(early, s, ctx)) this.fired(early, s, ctx);
              this.clear(early, s);
              s[early] = 1;
            } else {
              s[this.n + i] = 1; // marks "early phase over" for the never-early case
            }
            if (late === undefined) s[i] = 1;
            else this.clear(late, s);
          }
        } else if (late !== undefined) {
          this.fired(late, s, ctx);
          this.clear(late, s);
        } else {
          s[i] = 1;
        }
        return;
      }
      case "afterProcessingTime":
      case "afterCount":
        s[i] = 1;
        return;
      case "always":
        s[this.n + i] = 0;
        return;
      case "repeatedly": {
        const c = children[0]!;
        this.fired(c, s, ctx);
        if (s[c]) this.clear(c, s);
        return;
      }
      case "afterEach": {
        this.fired(this.firstUnfinished(i, s), s, ctx);
        if (children.every((c) => s[c] === 1)) s[i] = 1;
        return;
      }
      case "afterFirst":
        for (const c of children) if (this.fire(c, s, ctx)) this.fired(c, s, ctx);
        s[i] = 1;
        return;
      case "afterAll":
        for (const c of children) if (!s[c]) this.fired(c, s, ctx);
        s[i] = 1;
        return;
      case "orFinally": {
        const [main, until] = children as [number, number];
        if (this.fire(until, s, ctx)) {
          this.fired(until, s, ctx);
          s[i] = 1;
        } else {
          this.fired(main, s, ctx);
        }
        return;
      }
    }
  }

  /**
   * Whether AfterWatermark node `i` has made its on-time firing: its early trigger is finished,
   * or, without an early trigger, its own data slot is marked.
   */
  private earlyDone(i: number, early: number, s: TriggerState): boolean {
    return early >= 0 ? s[early] === 1 : s[this.n + i] === 1;
  }

  /** True when one of `states` finished node `i` (a loop: merging runs once per session element). */
  private static anyFinished(i: number, states: readonly TriggerState[]): boolean {
    for (const s of states) if (s[i] === 1) return true;
    return false;
  }

  /** True when AfterWatermark node `i` made its on-time firing in one of `states`. */
  private anyEarlyDone(i: number, early: number, states: readonly TriggerState[]): boolean {
    for (const s of states) if (this.earlyDone(i, early, s)) return true;
    return false;
  }

  private firstUnfinished(i: number, s: TriggerState): number {
    for (const c of this.nodes[i]!.children) if (c >= 0 && !s[c]) return c;
    return -1;
  }

  private clear(i: number, s: TriggerState): void {
    if (i < 0) return;
    s[i] = 0;
    s[this.n + i] = NaN;
    for (const c of this.nodes[i]!.children) this.clear(c, s);
  }

  private mergeNode(i: number, states: readonly TriggerState[], r: TriggerState, ctx: TriggerContext): void {
    if (i < 0) return;
    const { trigger: t, children } = this.nodes[i]!;
    const anyFinished = TriggerStateMachine.anyFinished(i, states);
    switch (t.kind) {
      case "afterCount":
      case "always": {
        if (anyFinished && t.kind === "afterCount") {
          r[i] = 1;
          return;
        }
        let sum = 0;
        for (const s of states) if (!Number.isNaN(s[this.n + i]!)) sum += s[this.n + i]!;
        r[this.n + i] = sum;
        return;
      }
      case "afterProcessingTime": {
        if (anyFinished) {
          r[i] = 1;
          return;
        }
        // The earliest pending deadline; a window without one (NaN) has nothing to add.
        let min = NaN;
        for (const s of states) {
          const deadline = s[this.n + i]!;
          if (!Number.isNaN(deadline) && !(deadline >= min)) min = deadline;
        }
        r[this.n + i] = min;
        if (!Number.isNaN(min)) ctx.setProcessingTimer(min);
        return;
      }
      case "afterWatermark": {
        const [early, late] = children as [number, number | undefined];
        // The late phase is sticky across merges (Beam Python's AfterWatermark.on_merge; the
        // early_late_sessions transcript): once any merging window made its on-time firing, and the
        // merged window's end has passed too, the merged window runs the late trigger.
        const latePhase = this.anyEarlyDone(i, early, states) && TriggerStateMachine.eowReached(ctx);
        if (!latePhase) {
          this.mergeNode(early, states, r, ctx);
          if (early >= 0) r[early] = 0;
          if (late !== undefined) this.clear(late, r);
        } else {
          if (early >= 0) r[early] = 1;
          else r[this.n + i] = 1;
          if (late !== undefined) this.mergeNode(late, states, r, ctx);
          else r[i] = 1;
        }
        return;
      }
      case "repeatedly":
      case "afterEach":
      case "afterFirst":
      case "afterAll":
      case "orFinally": {
        let some = false;
        let every = true;
        for (const c of children) {
          this.mergeNode(c, states, r, ctx);
          if (r[c] === 1) some = true;
          else every = false;
        }
        if (t.kind === "afterFirst") r[i] = some ? 1 : 0;
        else if (t.kind === "afterAll" || t.kind === "afterEach") r[i] = every ? 1 : 0;
        else if (t.kind === "orFinally") r[i] = r[children[1]!] === 1 ? 1 : 0;
        return;
      }
      case "default":
      case "never":
        return;
    }
  }
}
