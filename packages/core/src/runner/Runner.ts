import type { PCollection } from "../model/PCollection";
import type { Pipeline } from "../model/Pipeline";
import type { TransformNode } from "../model/TransformNode";
import { MetricsContainer } from "../metrics/MetricsContainer";
import { MAX_TIMESTAMP, MIN_TIMESTAMP, type Instant } from "../time/Instant";
import type { WindowedValue } from "../values/WindowedValue";
import { systemClock, type Clock } from "./Clock";
import { Emitter, type Bundle, type Executor, type Receiver } from "./Executor";
import { CreateExecutor } from "./executors/CreateExecutor";
import { FlattenExecutor } from "./executors/FlattenExecutor";
import { GroupAlsoByWindowExecutor } from "./executors/GroupAlsoByWindowExecutor";
import { ParDoExecutor, type ParDoSnapshot } from "./executors/ParDoExecutor";
import { declaresState, StatefulParDoExecutor } from "./executors/StatefulParDoExecutor";
import { ReadExecutor } from "./executors/ReadExecutor";
import { SourceExecutor } from "./executors/SourceExecutor";
import { TestStreamExecutor } from "./executors/TestStreamExecutor";
import { WindowIntoExecutor } from "./executors/WindowIntoExecutor";
import { PipelineResult } from "./PipelineResult";
import { CheckpointStore } from "./CheckpointStore";
import { InMemoryStateBackend } from "./state/InMemoryStateBackend";
import type { StateSnapshot } from "./state/StateBackend";
import { failpointOfEnvironment, type FailpointName, type RunOptions } from "./RunOptions";
import { VirtualClock } from "./VirtualClock";
import { MainOutput } from "./fusion/MainOutput";
import { ownCopies } from "./fusion/ownCopies";
import { compileChains } from "./fusion/compileChains";
import { structuralCoder } from "../coders/structuralCoder";
import { ByteWriter } from "../coders/ByteWriter";
import { decodeFromBytes } from "../coders/decodeFromBytes";

class Collector implements Receiver {
  readonly values: WindowedValue<unknown>[] = [];
  receive(_i: number, bundle: Bundle): void {
    for (const wv of bundle) this.values.push(wv);
  }
}

/** The watermark of one PCollection, shared by the steps that write and read it. */
interface WatermarkCell {
  value: Instant;
}

/**
 * An executor as `settle` moves watermarks through it: the cells of its inputs and outputs, and
 * `inputWatermarks`, reused at each call. Cells, not a map by PCollection: `settle` runs once per
 * bundle, long before V8 optimizes it, and a map lookup then costs a call into the runtime.
 */
interface WatermarkStep {
  readonly executor: Executor;
  readonly inputs: readonly WatermarkCell[];
  readonly outputs: readonly WatermarkCell[];
  readonly inputWatermarks: Instant[];
}

/**
 * The in-process runner: turns a pipeline's primitive steps into executors, feeds them
 * bundles from the sources, and moves watermarks through them in topological order.
 *
 * Drive it with `run()`, or step by step (`step()`, `runUntilIdle()`) in tests. Each step is one
 * unit of work: one source bundle (or TestStream event) pushed through every fused step, then
 * watermarks and processing time settled, then every started bundle finished.
 * @public
 */
export class Runner {
  private readonly executors: Executor[] = [];
  private readonly sources: SourceExecutor[] = [];
  private readonly inputs = new Map<Executor, readonly PCollection<unknown>[]>();
  /** Each executor with its inputs and outputs, in topological order: what `settle` walks. */
  private readonly watermarkSteps: WatermarkStep[] = [];
  /** Every step but the sources, then the sources: the order bundles finish in. */
  private readonly finishOrder: Executor[] = [];
  /** The two-phase-commit sinks (most pipelines have none). */
  private readonly committers: ParDoExecutor[] = [];
  private readonly watermarks = new Map<PCollection<unknown>, WatermarkCell>();
  private readonly emitters = new Map<PCollection<unknown>, Emitter>();
  private readonly collectors = new Map<PCollection<unknown>, Collector>();
  private readonly metricContainers = new Map<string, MetricsContainer>();
  private nextSource = 0;
  private started = false;
  /** Initial capacity of the next checkpoint's buffer: a little more than the last checkpoint. */
  private checkpointCapacity = 256;
  readonly clock: Clock;
  private readonly failpoint: (name: FailpointName) => void;

  constructor(
    readonly pipeline: Pipeline,
    private readonly options: RunOptions = {},
  ) {
    const bundleSize = options.bundleSize ?? 1000;
    if (!Number.isInteger(bundleSize) || bundleSize < 1)
      throw new RangeError(`bundleSize must be a positive integer, got ${bundleSize}`);
    const primitives = pipeline.primitives();
    const hasTestStream = primitives.some((n) => n.spec?.kind === "testStream");
    this.clock = options.clock ?? (hasTestStream ? new VirtualClock() : systemClock);
    this.failpoint = options.failpoint ?? failpointOfEnvironment();
    for (const node of primitives) {
      for (const pc of node.outputs.values()) {
        this.emitters.set(pc, new Emitter());
        this.watermarks.set(pc, { value: MIN_TIMESTAMP });
      }
    }
    const producers = new Map<PCollection<unknown>, Executor>();
    const read = new Set<PCollection<unknown>>();
    for (const node of primitives) {
      const ex = this.makeExecutor(node);
      this.executors.push(ex);
      if (ex instanceof SourceExecutor) this.sources.push(ex);
      for (const pc of node.outputs.values()) producers.set(pc, ex);
      const ins = this.inputsOf(node);
      this.inputs.set(ex, ins);
      for (const pc of ins) {
        this.emitter(pc, node);
        read.add(pc);
      }
    }
    const toCollect = new Set(options.collect ?? []);
    if (options.collectLeaves ?? true) {
      for (const node of primitives)
        for (const pc of node.outputs.values()) if (!read.has(pc)) toCollect.add(pc);
    }
    for (const ex of this.executors) {
      const ins = this.inputs.get(ex)!;
      const fusable = (options.fusion ?? true) && (ins.length === 1 || ex instanceof ParDoExecutor);
      ins.forEach((pc, i) => {
        // Only a step's first (main) input can be fused: a ParDo's side inputs come in bundles.
        const fused = fusable && i === 0 && this.fuse(producers.get(pc)!, pc, ex);
        if (!fused) this.emitters.get(pc)!.connect(ex, i);
      });
    }
    for (const pc of toCollect) {
      const c = new Collector();
      this.collectors.set(pc, c);
      this.emitter(pc, pc.producer).connect(c, 0);
    }
    // A fused output that unfused steps or a collector read as well keeps making bundles for them.
    const fusedOutputs: MainOutput[] = [];
    for (const [pc, producer] of producers) {
      const output = pc.tag === "main" ? producer.fusableOutput() : undefined;
      if (!output) continue;
      output.bundleAlso(this.emitters.get(pc)!.connected);
      if (output.isFused) fusedOutputs.push(output);
    }
    // With every fused output wired, each chain of fused map, filter, withKeys and WindowInto
    // steps runs as one compiled function.
    compileChains(fusedOutputs);
    for (const ex of this.executors) {
      if (!(ex instanceof SourceExecutor)) this.finishOrder.push(ex);
      if (ex instanceof ParDoExecutor && ex.commitsTwoPhase) this.committers.push(ex);
    }
    this.finishOrder.push(...this.sources);
    for (const ex of this.executors) {
      const inputs = this.inputs.get(ex)!;
      this.watermarkSteps.push({
        executor: ex,
        inputs: inputs.map((pc) => this.watermarks.get(pc)!),
        outputs: [...ex.node.outputs.values()].map((pc) => this.watermarks.get(pc)!),
        inputWatermarks: inputs.map(() => MIN_TIMESTAMP),
      });
    }
  }

  /**
   * Fuses `consumer` behind `producer` when both are element-wise (see RunOptions.fusion): the
   * producer's main output `pc` then goes straight into the consumer, and into any other step
   * fused behind it (an output that fans out). Returns false otherwise.
   */
  private fuse(producer: Executor, pc: PCollection<unknown>, consumer: Executor): boolean {
    if (pc.tag !== "main") return false;
    const output = producer.fusableOutput();
    const input = consumer.fusableInput();
    if (!output || !input) return false;
    output.fuseWith(input);
    ownCopies(output, MainOutput.elementPath);
    ownCopies(producer, producer.elementPath());
    ownCopies(consumer, consumer.elementPath());
    return true;
  }

  /** Main inputs first, then side inputs. */
  private inputsOf(node: TransformNode): readonly PCollection<unknown>[] {
    const spec = node.spec!;
    return spec.kind === "parDo"
      ? [...node.inputs, ...spec.sideInputs.map((v) => v.pcollection)]
      : node.inputs;
  }

  private emitter(pc: PCollection<unknown>, reader: TransformNode): Emitter {
    const e = this.emitters.get(pc);
    if (!e) throw new Error(`${reader.fullName} reads ${pc.name}, which no primitive step produces`);
    return e;
  }

  /** The metrics container of a step. */
  metrics(step: string): MetricsContainer {
    let m = this.metricContainers.get(step);
    if (!m) this.metricContainers.set(step, (m = new MetricsContainer(step)));
    return m;
  }

  private makeExecutor(node: TransformNode): Executor {
    const spec = node.spec!;
    const outputs = new Map<string, Emitter>();
    for (const [tag, pc] of node.outputs) outputs.set(tag, this.emitters.get(pc)!);
    const bundleSize = this.options.bundleSize ?? 1000;
    switch (spec.kind) {
      case "create":
        return new CreateExecutor(node, outputs, spec.values, spec.timestamps, bundleSize);
      case "testStream":
        if (!(this.clock instanceof VirtualClock))
          throw new Error(`${node.fullName}: a TestStream needs a VirtualClock (or no clock option)`);
        return new TestStreamExecutor(node, outputs, spec.events, this.clock);
      case "read":
        return new ReadExecutor(node, outputs, spec.source, bundleSize);
      case "parDo": {
        const common = [
          node,
          outputs,
          spec.fn,
          spec.sideInputs,
          spec.deadLetters,
          spec.maxRetries,
          this.metrics(node.fullName),
          node.inputs[0]!.windowing,
        ] as const;
        if (!declaresState(spec.fn)) return new ParDoExecutor(...common);
        const backend = this.options.stateBackend ?? (() => new InMemoryStateBackend());
        return new StatefulParDoExecutor(...common, () => this.clock.now(), backend);
      }
      case "windowInto":
        return new WindowIntoExecutor(node, outputs, spec.windowFn);
      case "flatten":
        return new FlattenExecutor(node, outputs);
      case "groupByKey":
      case "combinePerKey": {
        const strategy = node.inputs[0]!.windowing;
        const fn = spec.kind === "combinePerKey" ? spec.combineFn : undefined;
        const insertDefault = spec.kind === "combinePerKey" && spec.insertDefault;
        return new GroupAlsoByWindowExecutor(
          node,
          outputs,
          strategy,
          fn,
          insertDefault,
          this.metrics(node.fullName),
          () => this.clock.now(),
        );
      }
    }
  }

  /** Calls every DoFn's setup and opens the sources. Idempotent. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const ex of this.executors) await ex.setup();
  }

  /** True once every source is exhausted and every watermark reached the end of time. */
  get isDone(): boolean {
    // Asked once per bundle: index loops, not `every` and a closure (see `settle`).
    const sources = this.sources;
    for (let i = 0; i < sources.length; i++) if (!sources[i]!.done) return false;
    const executors = this.executors;
    for (let i = 0; i < executors.length; i++)
      if (executors[i]!.outputWatermark < MAX_TIMESTAMP) return false;
    return true;
  }

  /**
   * One unit of work: the next source (round robin) produces a bundle or an event, then
   * watermarks and processing time settle and bundles finish. Resolves to false when nothing
   * happened (all sources idle or done).
   */
  async step(): Promise<boolean> {
    return this.stepOnce();
  }

  /**
   * {@link step}, synchronous when it can be: a promise only when a source's read, a bundle's
   * finish or the start is asynchronous. A source with its batch at hand (an in-memory one) then
   * makes the run's loop take no turn of the microtask queue per bundle, and a step is a few
   * plain calls, which cost little even before V8 has optimized them.
   */
  private stepOnce(): boolean | Promise<boolean> {
    if (!this.started) return this.start().then(() => this.stepOnce());
    const produced = this.produceFrom(0);
    return typeof produced === "boolean"
      ? this.afterProduce(produced)
      : produced.then((p) => this.afterProduce(p));
  }

  /** Asks the sources in turn (round robin), the `tries`-th on, until one produces; true if one did. */
  private produceFrom(tries: number): boolean | Promise<boolean> {
    const sources = this.sources;
    for (; tries < sources.length; tries++) {
      const source = sources[this.nextSource]!;
      this.nextSource = (this.nextSource + 1) % sources.length;
      if (source.done) continue;
      const produced = source.produce();
      if (typeof produced !== "boolean") {
        const next = tries + 1;
        return produced.then((p) => p || this.produceFrom(next));
      }
      if (produced) return true;
    }
    return false;
  }

  /** The rest of a step once a source produced (or none did): watermarks settle, bundles finish. */
  private afterProduce(produced: boolean): boolean | Promise<boolean> {
    if (produced) this.failpoint("after-receive");
    const progressed = this.settle() || produced;
    const finishing = this.finishBundles();
    return finishing ? finishing.then(() => progressed) : progressed;
  }

  /** Steps until nothing more happens without new input. */
  async runUntilIdle(): Promise<void> {
    for (;;) {
      const progressed = this.stepOnce();
      if (!(typeof progressed === "boolean" ? progressed : await progressed)) return;
    }
  }

  /**
   * Moves watermarks through the graph in topological order (firing event-time timers) and fires
   * due processing-time timers, until neither changes anything. Returns true if anything moved.
   */
  settle(): boolean {
    let changed = false;
    for (;;) {
      // Once per step of the runner and executor: no array or iterator made here, and index
      // loops, which cost little before V8 optimizes them (`for...of` calls the iterator).
      const steps = this.watermarkSteps;
      for (let s = 0; s < steps.length; s++) {
        const step = steps[s]!;
        const inputs = step.inputs;
        const inputWatermarks = step.inputWatermarks;
        for (let i = 0; i < inputs.length; i++) inputWatermarks[i] = inputs[i]!.value;
        const out = step.executor.advanceWatermark(inputWatermarks);
        const outputs = step.outputs;
        for (let i = 0; i < outputs.length; i++) {
          const cell = outputs[i]!;
          if (out > cell.value) {
            cell.value = out;
            changed = true;
          }
        }
      }
      const now = this.clock.now();
      let fired = false;
      const executors = this.executors;
      for (let i = 0; i < executors.length; i++) if (executors[i]!.fireProcessingTimers(now)) fired = true;
      if (!fired) return changed;
      changed = true;
    }
  }

  /**
   * Finishes every step's bundle in topological order, sources last (they acknowledge input).
   * Returns a promise only when a step's finishBundle does: most have no bundle open or finish
   * it at once, and a step of the runner then takes no extra turn of the event loop.
   */
  private finishBundles(): void | Promise<void> {
    const order = this.finishOrder;
    for (let i = 0; i < order.length; i++) {
      const finishing = order[i]!.finishBundle();
      if (finishing) return this.finishBundlesAfter(i, finishing);
    }
  }

  /** {@link finishBundles} from step `i`, whose finishBundle returned `finishing`, on. */
  private async finishBundlesAfter(i: number, finishing: Promise<void>): Promise<void> {
    await finishing;
    const order = this.finishOrder;
    for (let j = i + 1; j < order.length; j++) {
      const next = order[j]!.finishBundle();
      if (next) await next;
    }
  }

  /**
   * A consistent checkpoint of the whole run, taken between steps: every step's state (grouping
   * state, stateful DoFn state and timers, held-back side-input elements), every watermark, and
   * every source's position. Encoded with structuralCoder, so state must be plain data (or have a
   * CombineFn accumulatorCoder).
   */
  checkpoint(): Uint8Array {
    return this.takeCheckpoint().bytes;
  }

  /** The checkpoint's bytes, and what each two-phase-commit step prepared for it. */
  private takeCheckpoint(): { bytes: Uint8Array; prepared: Map<ParDoExecutor, unknown> } {
    const prepared = new Map<ParDoExecutor, unknown>();
    const executors = this.executors.map((ex) => {
      const snapshot = ex.snapshot() ?? null;
      if (ex instanceof ParDoExecutor && snapshot !== null) {
        const p = (snapshot as ParDoSnapshot).prepared;
        if (p !== null) prepared.set(ex, p);
      }
      return [ex.step, ex.inputWatermark, ex.outputWatermark, snapshot] as const;
    });
    const watermarks = [...this.watermarks].map(([pc, w]) => [pc.name, w.value] as const);
    // Sized from the last checkpoint and detached, not copied: a large state is neither grown
    // buffer by buffer nor copied once more at the end.
    const out = new ByteWriter(this.checkpointCapacity);
    structuralCoder.encode({ version: 1, executors, watermarks }, out);
    const bytes = out.detach();
    this.checkpointCapacity = bytes.length + (bytes.length >> 3) + 256;
    return { bytes, prepared };
  }

  /**
   * Restores a checkpoint taken from a runner of the same pipeline (same step names). Call it
   * before the run starts.
   * @throws Error when the checkpoint names a step this pipeline does not have.
   */
  restore(checkpoint: Uint8Array): void {
    if (this.started) throw new Error("restore a checkpoint before the run starts");
    const data = decodeFromBytes(structuralCoder, checkpoint) as {
      version: number;
      executors: Array<[string, number, number, unknown]>;
      watermarks: Array<[string, number]>;
    };
    if (data.version !== 1) throw new Error(`unsupported checkpoint version ${data.version}`);
    const byStep = new Map(this.executors.map((ex) => [ex.step, ex]));
    for (const [step, input, output, snapshot] of data.executors) {
      const ex = byStep.get(step);
      if (!ex)
        throw new Error(`the checkpoint has state for step ${step}, which this pipeline does not have`);
      ex.inputWatermark = input;
      ex.outputWatermark = output;
      if (snapshot !== null) ex.restore(snapshot);
    }
    const byName = new Map([...this.watermarks.keys()].map((pc) => [pc.name, pc]));
    for (const [name, w] of data.watermarks) {
      const pc = byName.get(name);
      if (pc) this.watermarks.get(pc)!.value = w;
    }
  }

  /** A consistent copy of the state and timers of every stateful step, by step name. */
  snapshotState(): Map<string, StateSnapshot> {
    const out = new Map<string, StateSnapshot>();
    for (const ex of this.executors) {
      if (ex instanceof ParDoExecutor) {
        const s = ex.snapshotState();
        if (s) out.set(ex.step, s);
      }
    }
    return out;
  }

  /** Restores the state and timers of stateful steps from `snapshots` (by step name). */
  restoreState(snapshots: ReadonlyMap<string, StateSnapshot>): void {
    for (const ex of this.executors) {
      const s = snapshots.get(ex.step);
      if (s && ex instanceof ParDoExecutor) ex.restoreState(s);
    }
  }

  /** The earliest pending processing-time timer of any step, or Infinity. */
  nextProcessingTimer(): Instant {
    let t = Infinity;
    for (const ex of this.executors) t = Math.min(t, ex.nextProcessingTimer());
    return t;
  }

  /** The current watermark of `pc`. */
  watermarkOf(pc: PCollection<unknown>): Instant {
    return this.watermarks.get(pc)?.value ?? MIN_TIMESTAMP;
  }

  /** Removes and returns what was collected from `pc` so far. */
  drain<T>(pc: PCollection<T>): WindowedValue<T>[] {
    const c = this.collectors.get(pc);
    if (!c) throw new Error(`${pc.name} is not collected; pass it in the runner's collect option`);
    return c.values.splice(0) as WindowedValue<T>[];
  }

  /**
   * Runs until every input is exhausted (or `signal` aborts), then tears down. With
   * `options.checkpoints`, first restores the newest checkpoint, then checkpoints periodically and
   * once more at the end (an abort is a graceful drain: work in flight finishes, a final
   * checkpoint is written, covered input is acknowledged).
   */
  async run(): Promise<PipelineResult> {
    const ckpt = this.options.checkpoints;
    try {
      if (ckpt) {
        const store = new CheckpointStore(ckpt.directory, ckpt.keep ?? 2);
        const latest = await store.latest();
        if (latest) this.restore(latest.payload);
        const exactlyOnce = (ckpt.mode ?? "exactly-once") === "exactly-once";
        for (const s of this.sources) if (s instanceof ReadExecutor) s.acknowledgeAfterBundle = !exactlyOnce;
        const interval = ckpt.intervalMillis ?? 10_000;
        let last = this.clock.now();
        await this.runLoop(async () => {
          if (this.clock.now() - last < interval) return;
          await this.checkpointTo(store);
          // From the end of the checkpoint: one that takes longer than the interval must not
          // leave the run doing nothing but checkpoint.
          last = this.clock.now();
        });
        await this.checkpointTo(store);
      } else {
        // Without checkpoints, two-phase-commit sinks commit as soon as their bundles finish.
        await this.runLoop(() => this.commitWithoutCheckpoint());
        await this.commitWithoutCheckpoint();
      }
    } finally {
      await this.teardown();
    }
    return this.result(this.options.signal?.aborted ? "CANCELLED" : "DONE");
  }

  /**
   * Prepares and commits every two-phase-commit step's finished bundles (runs without
   * checkpoints); a promise only when there are such steps.
   */
  private commitWithoutCheckpoint(): void | Promise<void> {
    if (this.committers.length === 0) return;
    return (async () => {
      for (const ex of this.committers) await ex.commitNow();
    })();
  }

  /**
   * Writes a checkpoint durably, then commits what sinks prepared for it (two-phase commit) and
   * acknowledges the input it covers.
   */
  private async checkpointTo(store: CheckpointStore): Promise<void> {
    this.failpoint("before-checkpoint");
    const marks = this.sources.map((s) => [s, s.snapshot()] as const);
    const { bytes, prepared } = this.takeCheckpoint();
    await store.write(bytes, () => this.failpoint("during-checkpoint-write"));
    this.failpoint("before-commit");
    for (const [ex, p] of prepared) await ex.commit(p);
    this.failpoint("before-ack");
    for (const [s, mark] of marks) if (s instanceof ReadExecutor) await s.finalize(mark);
  }

  /**
   * Runs the pipeline and yields the elements of `pc` (with timestamps, windows and panes) as
   * they are produced; tears down when the iteration ends, early or not.
   */
  async *stream<T>(pc: PCollection<T>): AsyncGenerator<WindowedValue<T>, void, undefined> {
    if (!this.collectors.has(pc)) {
      throw new Error(`${pc.name} is not collected; pass it in the runner's collect option`);
    }
    try {
      await this.start();
      for (;;) {
        for (const wv of this.drain(pc)) yield wv;
        if (this.isDone || this.options.signal?.aborted) break;
        if (!(await this.step())) await this.idle();
      }
      for (const wv of this.drain(pc)) yield wv;
    } finally {
      await this.teardown();
    }
  }

  private async runLoop(afterStep: () => void | Promise<void>): Promise<void> {
    const signal = this.options.signal;
    await this.start();
    while (!this.isDone && !signal?.aborted) {
      const step = this.stepOnce();
      const progressed = typeof step === "boolean" ? step : await step;
      const after = afterStep();
      if (after) await after;
      if (!progressed && !this.isDone) await this.idle();
    }
  }

  /** Waits for input: until the next processing-time timer or the idle poll interval. */
  private idle(): Promise<void> {
    const wait = Math.max(
      0,
      Math.min(this.options.idlePollMillis ?? 5, this.nextProcessingTimer() - this.clock.now()),
    );
    return new Promise((r) => setTimeout(r, wait));
  }

  /** Tears down every DoFn and closes the sources. */
  async teardown(): Promise<void> {
    for (const ex of this.executors) await ex.teardown();
  }

  /** The result so far. */
  result(state: "DONE" | "CANCELLED" = "DONE"): PipelineResult {
    const collected = new Map<PCollection<unknown>, WindowedValue<unknown>[]>();
    for (const [pc, c] of this.collectors) collected.set(pc, c.values);
    const counts = new Map<string, number>();
    for (const [pc, e] of this.emitters) counts.set(pc.name, e.count);
    const metrics = [...this.metricContainers.values()].flatMap((m) => m.results());
    return new PipelineResult(state, collected, metrics, counts);
  }
}
