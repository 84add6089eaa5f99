import type { StateAccess } from "../../state/StateAccess";
import type { StateSpec } from "../../state/StateSpec";
import type { Timer, TimerAccess } from "../../state/TimerAccess";
import type { TimerSpec } from "../../state/TimerSpec";
import type { DoFn } from "../../transforms/DoFn";
import { END_OF_GLOBAL_WINDOW, MAX_TIMESTAMP, type Instant } from "../../time/Instant";
import type { WindowingStrategy } from "../../windowing/WindowingStrategy";
import { MinHeap } from "../MinHeap";
import { stateCell, type NamespaceScope, type StateCell } from "./stateCells";
import type { StateBackend, StateNamespace, StateSnapshot, TimerData } from "./StateBackend";
import { decodeFromBytes } from "../../coders/decodeFromBytes";
import { encodeToBytes } from "../../coders/encodeToBytes";
import { structuralKey } from "../../coders/structuralKey";

/**
 * A queued timer or expiry. Its time is the queue's priority, not a field: a number field would be
 * a heap box of its own, and timers are set once per key or more.
 */
interface Scheduled {
  readonly ns: StateNamespace;
  /** The timer, or undefined for the namespace's expiry (garbage collection) event. */
  readonly timer: TimerData | undefined;
  readonly seq: number;
}

/**
 * Added to an expiry's sequence number to make its tie-break in the event queue: larger than any
 * timer's sequence number, so a namespace's expiry fires after the timers of the same instant.
 */
const EXPIRY_RANK = 2 ** 52;

/**
 * A namespace's id: its key's encoding, NUL, its window's id. One-to-one whatever a window id
 * contains: a key encoding (`structuralKey`) is self-delimiting, so where it ends is known.
 */
const nsId = (ns: StateNamespace): string => `${ns.keyId}\u0000${ns.window.id}`;

/** A queue is compacted once this many of its entries (and half of them) are known to be stale. */
const MIN_STALE = 1024;

/**
 * One declared timer (or timer family member) as a DoFn sees it; it acts on the current
 * namespace. A timer's handle is made once and handed out by every `timers.access` (a family
 * member's is made at each access, for its tag); the output timestamp it was given is forgotten
 * when the next element or timer callback enters (`KeyedStateRuntime.enter`), so each callback
 * starts without one, as with a handle of its own.
 */
class TimerHandle implements Timer {
  output: Instant | undefined = undefined;

  constructor(
    private readonly runtime: KeyedStateRuntime,
    private readonly spec: TimerSpec,
    private readonly tag: string,
  ) {}

  set(timestamp: Instant): void {
    this.runtime.setTimer(this.spec, this.tag, timestamp, this.output);
  }

  setRelative(delay: number): void {
    this.runtime.setTimer(this.spec, this.tag, this.runtime.base(this.spec) + delay, this.output);
  }

  withOutputTimestamp(timestamp: Instant): Timer {
    this.output = timestamp;
    this.runtime.outputSet = true;
    return this;
  }

  clear(): void {
    this.runtime.clearTimer(this.spec, this.tag);
  }
}

/**
 * The state and timers of a stateful DoFn: per key and window, over a {@link StateBackend}.
 * Gives the DoFn its `state` and `timers` accessors for the current key and window, keeps the
 * timer queues (event time in timestamp order, processing time), the watermark holds of
 * outstanding timers, and each namespace's expiry at the end of its window plus allowed lateness.
 * @internal
 */
export class KeyedStateRuntime implements NamespaceScope {
  /** Timers in timestamp order, then in the order they were set; a namespace's expiry after its timers of the same instant. */
  private readonly eventQueue = new MinHeap<Scheduled>();
  private readonly processingQueue = new MinHeap<Scheduled>();
  private readonly holds = new MinHeap<Scheduled>();
  /**
   * The entries of each queue known to be stale. Setting a timer again, clearing it, firing it
   * (its hold's entry) or clearing its namespace leaves its entries queued, to be skipped when they
   * come out; a timer moved on every element to a far time (a 30-day "forget this card" timer)
   * would leave one entry per element until then. Once a queue's stale entries are both
   * `MIN_STALE` and half of it, they are dropped (`compact`): each queue holds at most about twice
   * its live entries, at an amortized constant cost per stale entry and none while nothing goes stale.
   */
  private staleEvents = 0;
  private staleProcessing = 0;
  private staleHolds = 0;
  /** Whether a queued entry is still current (an expiry always is). */
  private readonly isLive = (s: Scheduled): boolean => s.timer === undefined || this.isCurrent(s);
  private readonly expiryScheduled = new Set<string>();
  private seq = 0;
  /** The declared state specs: a handful, found by identity faster than by id in a map. */
  private readonly stateSpecs: StateSpec[] = [];
  /** The cell of each declared spec (same index), made at its first access. */
  private readonly cells: Array<StateCell | undefined> = [];
  /** The declared timer specs, found by identity like the state specs. */
  private readonly timerSpecs: TimerSpec[] = [];
  /** The handle of each declared timer that is not a family (same index), made at its first access. */
  private readonly timerHandles: Array<TimerHandle | undefined> = [];
  /** A handle was given an output timestamp since the last `enter`: `enter` forgets it. */
  outputSet = false;
  private readonly hasExpiryCallback: boolean;

  /** The namespace being processed and the timestamp timers are validated against. */
  ns: StateNamespace | undefined;
  private referenceTimestamp: Instant = 0;

  readonly state: StateAccess;
  readonly timers: TimerAccess;

  constructor(
    private readonly step: string,
    readonly backend: StateBackend,
    fn: DoFn<unknown, unknown>,
    private readonly strategy: WindowingStrategy,
    private readonly now: () => Instant,
    private readonly skew: number,
  ) {
    this.hasExpiryCallback = fn.onWindowExpiration !== undefined;
    for (const [name, spec] of Object.entries(fn.state ?? {})) {
      if (spec.id !== name)
        throw new Error(`${step}: state "${name}" is declared with id "${spec.id}"; use the same name`);
      this.stateSpecs.push(spec);
    }
    for (const [name, spec] of Object.entries(fn.timers ?? {})) {
      if (spec.id !== name)
        throw new Error(`${step}: timer "${name}" is declared with id "${spec.id}"; use the same name`);
      this.timerSpecs.push(spec);
    }
    this.state = { access: ((spec: StateSpec) => this.cell(spec)) as StateAccess["access"] };
    this.timers = { access: (spec, tag) => this.timer(spec, tag) };
  }

  /**
   * The cell of a declared state spec (the object itself: another spec of its id is not
   * declared), which reads and writes the current namespace's data.
   */
  private cell(spec: StateSpec): StateCell {
    const specs = this.stateSpecs;
    for (let i = 0; i < specs.length; i++) {
      if (specs[i] !== spec) continue;
      this.current(); // throws outside an element or a timer
      return (this.cells[i] ??= stateCell(this.backend, this, spec));
    }
    throw new Error(`state "${spec.id}" is not declared by this DoFn; add it to the DoFn's \`state\` field`);
  }

  /** The namespace being processed. @throws Error outside an element or a timer. */
  current(): StateNamespace {
    if (!this.ns) throw new Error("state and timers can only be used while processing an element or a timer");
    return this.ns;
  }

  /** Sets the current namespace; `timestamp` is the element's (or firing timer's) timestamp. */
  enter(ns: StateNamespace, timestamp: Instant): void {
    this.ns = ns;
    this.referenceTimestamp = timestamp;
    if (this.outputSet) this.forgetOutputTimestamps();
    if (!this.needsExpiry(ns)) return;
    const id = nsId(ns);
    if (!this.expiryScheduled.has(id)) {
      this.expiryScheduled.add(id);
      this.queueExpiry(ns);
    }
  }

  /**
   * Whether the namespace's expiry must be tracked: always for bounded windows (their state is
   * garbage-collected); for the global window only when the DoFn has onWindowExpiration, since
   * its state is otherwise kept until the DoFn clears it (tracking it would grow with every key).
   */
  private needsExpiry(ns: StateNamespace): boolean {
    return this.hasExpiryCallback || ns.window.maxTimestamp() < END_OF_GLOBAL_WINDOW;
  }

  private expiryTime(ns: StateNamespace): Instant {
    return Math.min(ns.window.maxTimestamp() + this.strategy.allowedLateness, MAX_TIMESTAMP);
  }

  private forgetOutputTimestamps(): void {
    this.outputSet = false;
    for (const h of this.timerHandles) if (h !== undefined) h.output = undefined;
  }

  private timer(spec: TimerSpec, tag = ""): Timer {
    const specs = this.timerSpecs;
    for (let i = 0; i < specs.length; i++) {
      if (specs[i] !== spec) continue;
      if (spec.kind === "timerFamily") return new TimerHandle(this, spec, tag);
      if (tag !== "") throw new Error(`timer "${spec.id}" is not a timer family; it takes no dynamic tag`);
      return (this.timerHandles[i] ??= new TimerHandle(this, spec, ""));
    }
    throw new Error(
      `${spec.kind === "timerFamily" ? "timer family" : "timer"} "${spec.id}" is not declared by this DoFn; add it to the DoFn's \`timers\` field`,
    );
  }

  /** The time a relative timer counts from: processing time now, or the current element's timestamp. */
  base(spec: TimerSpec): Instant {
    return spec.timeDomain === "PROCESSING_TIME" ? this.now() : this.referenceTimestamp;
  }

  /** Sets a timer of the current namespace (see {@link TimerHandle}). */
  setTimer(spec: TimerSpec, tag: string, fireTimestamp: Instant, outputTimestamp: Instant | undefined): void {
    const ns = this.current();
    const expiry = this.expiryTime(ns);
    if (spec.timeDomain === "EVENT_TIME") {
      if (fireTimestamp < this.referenceTimestamp - this.skew) {
        throw new Error(
          `event-time timer "${spec.id}" set for ${fireTimestamp}, before the current timestamp ${this.referenceTimestamp} minus the allowed skew ${this.skew}; ` +
            "set it at or after the element's timestamp, or raise the DoFn's allowedTimestampSkew",
        );
      }
      if (fireTimestamp > expiry) {
        throw new Error(
          `event-time timer "${spec.id}" set for ${fireTimestamp}, after window ${ns.window.toString()} expires at ${expiry}`,
        );
      }
    }
    const out =
      outputTimestamp ?? (spec.timeDomain === "EVENT_TIME" ? fireTimestamp : this.referenceTimestamp);
    if (out < this.referenceTimestamp - this.skew) {
      throw new Error(
        `timer "${spec.id}" output timestamp ${out} is before the current timestamp ${this.referenceTimestamp} minus the allowed skew ${this.skew}`,
      );
    }
    if (spec.timeDomain === "EVENT_TIME" && out > fireTimestamp) {
      throw new Error(
        `event-time timer "${spec.id}" output timestamp ${out} is after its fire timestamp ${fireTimestamp}`,
      );
    }
    const data: TimerData = {
      timerId: spec.id,
      tag,
      domain: spec.timeDomain,
      fireTimestamp,
      outputTimestamp: out,
      seq: this.seq++,
    };
    const previous = this.backend.timer(ns, spec.id, tag);
    if (previous) this.superseded(previous, true);
    this.backend.putTimer(ns, data);
    this.schedule(ns, data);
    this.compact();
  }

  /** Clears a timer of the current namespace (see {@link TimerHandle}). */
  clearTimer(spec: TimerSpec, tag: string): void {
    const ns = this.current();
    const previous = this.backend.timer(ns, spec.id, tag);
    if (!previous) return;
    this.superseded(previous, true);
    this.backend.removeTimer(ns, spec.id, tag);
  }

  /**
   * Counts the queue entries of `t`, a timer no longer current, as stale: its hold's and, unless it
   * fired (`queued` false: its own entry came out), its own.
   */
  private superseded(t: TimerData, queued: boolean): void {
    const event = t.domain === "EVENT_TIME";
    if (queued) {
      if (event) this.staleEvents++;
      else this.staleProcessing++;
    }
    if (!event || t.outputTimestamp !== t.fireTimestamp) this.staleHolds++;
  }

  /** Drops the stale entries of each queue where they are `MIN_STALE` or more and half of it. */
  private compact(): void {
    const isCurrent = this.isLive;
    if (this.staleEvents >= MIN_STALE && 2 * this.staleEvents >= this.eventQueue.size) {
      this.eventQueue.retain(isCurrent);
      this.staleEvents = 0;
    }
    if (this.staleProcessing >= MIN_STALE && 2 * this.staleProcessing >= this.processingQueue.size) {
      this.processingQueue.retain(isCurrent);
      this.staleProcessing = 0;
    }
    if (this.staleHolds >= MIN_STALE && 2 * this.staleHolds >= this.holds.size) {
      this.holds.retain(isCurrent);
      this.staleHolds = 0;
    }
  }

  /** Queues the namespace's expiry: after the timers of its instant (its tie-break is offset by `EXPIRY_RANK`), in the order set. */
  private queueExpiry(ns: StateNamespace): void {
    const seq = this.seq++;
    const t = this.expiryTime(ns);
    this.eventQueue.push({ ns, timer: undefined, seq }, t, EXPIRY_RANK + seq);
  }

  /**
   * Queues a timer and, unless it is an event-time timer whose output timestamp is its fire
   * timestamp (the default), its watermark hold. Such a hold would never decide the output
   * watermark: the timer fires as soon as the input watermark passes its fire timestamp, before
   * the holds are read (see {@link minHold}), so while it is outstanding its hold is at or after
   * the input watermark, which bounds the output watermark already.
   */
  private schedule(ns: StateNamespace, data: TimerData): void {
    const entry: Scheduled = { ns, timer: data, seq: data.seq };
    if (data.domain === "EVENT_TIME") {
      this.eventQueue.push(entry, data.fireTimestamp, data.seq);
      if (data.outputTimestamp === data.fireTimestamp) return;
    } else {
      this.processingQueue.push(entry, data.fireTimestamp, data.seq);
    }
    this.holds.push(entry, data.outputTimestamp);
  }

  /** Entries queued (timers, expiries and holds), stale ones included: for tests. */
  get queuedEntries(): number {
    return this.eventQueue.size + this.processingQueue.size + this.holds.size;
  }

  private isCurrent(s: Scheduled): boolean {
    const t = s.timer!;
    return this.backend.timer(s.ns, t.timerId, t.tag)?.seq === t.seq;
  }

  /**
   * The earliest output timestamp of an outstanding timer that can be before the input
   * watermark: the output watermark may not pass it. Read after {@link fireEventTimers} with the
   * same input watermark, so every outstanding event-time timer fires at or after it; those whose
   * output timestamp is their fire timestamp keep no hold (see {@link schedule}).
   */
  minHold(): Instant {
    for (let top = this.holds.peek(); top; top = this.holds.peek()) {
      if (this.isCurrent(top)) return this.holds.peekPriority();
      this.holds.pop();
    }
    return Infinity;
  }

  /**
   * Fires, in timestamp order, every event-time timer before `inputWatermark` and every
   * namespace expiry; `onTimer` runs the DoFn, `onExpire` runs onWindowExpiration.
   */
  fireEventTimers(
    inputWatermark: Instant,
    onTimer: (ns: StateNamespace, t: TimerData) => void,
    onExpire: (ns: StateNamespace) => void,
  ): void {
    const queue = this.eventQueue;
    // An empty queue's priority is Infinity: no watermark is past it.
    while (queue.peekPriority() < inputWatermark) {
      const top = queue.pop()!;
      if (top.timer === undefined) {
        onExpire(top.ns);
        for (const t of this.backend.timers(top.ns)) this.superseded(t, true);
        this.backend.clear(top.ns);
        this.expiryScheduled.delete(nsId(top.ns));
        continue;
      }
      if (!this.isCurrent(top)) continue;
      this.backend.removeTimer(top.ns, top.timer.timerId, top.timer.tag);
      this.superseded(top.timer, false);
      onTimer(top.ns, top.timer);
    }
    this.compact();
  }

  /** Fires every processing-time timer due at `now`; returns true if any fired. */
  fireProcessingTimers(now: Instant, onTimer: (ns: StateNamespace, t: TimerData) => void): boolean {
    let fired = false;
    const queue = this.processingQueue;
    // Checked for emptiness: an empty queue's priority is Infinity, and so may `now` be.
    while (queue.size > 0 && queue.peekPriority() <= now) {
      const top = queue.pop()!;
      if (!this.isCurrent(top)) continue;
      this.backend.removeTimer(top.ns, top.timer!.timerId, top.timer!.tag);
      this.superseded(top.timer!, false);
      onTimer(top.ns, top.timer!);
      fired = true;
    }
    this.compact();
    return fired;
  }

  nextProcessingTimer(): Instant {
    for (let top = this.processingQueue.peek(); top; top = this.processingQueue.peek()) {
      if (this.isCurrent(top)) return this.processingQueue.peekPriority();
      this.processingQueue.pop();
    }
    return Infinity;
  }

  /** A consistent copy of the state and timers, windows encoded by the window coder. */
  snapshot(): StateSnapshot {
    const coder = this.strategy.windowFn.windowCoder;
    return this.backend.snapshot((w) => encodeToBytes(coder, w));
  }

  /** Replaces the state and timers with `snapshot` and queues its timers and expiries. */
  restore(snapshot: StateSnapshot): void {
    const coder = this.strategy.windowFn.windowCoder;
    this.backend.restore(
      snapshot,
      (b) => decodeFromBytes(coder, b),
      (k) => structuralKey(k),
    );
    this.reschedule();
  }

  /** Rebuilds the queues from the backend (after a restore). */
  private reschedule(): void {
    for (const ns of this.backend.namespaces()) {
      const id = nsId(ns);
      if (this.needsExpiry(ns) && !this.expiryScheduled.has(id)) {
        this.expiryScheduled.add(id);
        this.queueExpiry(ns);
      }
      for (const t of this.backend.timers(ns)) {
        this.seq = Math.max(this.seq, t.seq + 1);
        this.schedule(ns, t);
      }
    }
  }
}
