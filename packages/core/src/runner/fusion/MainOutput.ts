import type { Instant } from "../../time/Instant";
import type { PaneInfo } from "../../values/PaneInfo";
import type { WindowedValue } from "../../values/WindowedValue";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import type { Emitter } from "../Executor";
import type { ElementConsumer } from "./ElementConsumer";
import { BundlingReader, FanOut } from "./FanOut";

/**
 * Where an element-wise step sends its main output: into a bundle for the output's emitter, or,
 * once the runner fused the step with the steps that read that output, straight into them one
 * element at a time (through a {@link FanOut} when there are several, with a
 * {@link BundlingReader} among them when some readers take bundles). Either way the emitter
 * counts every element once, so the PCollection's element count does not depend on fusion.
 * @internal
 */
export class MainOutput {
  /** The methods a fused output's own copies are made of (see `ownCopies`). */
  static readonly elementPath: readonly string[] = ["push", "pushKeyed", "pushRange"];

  private buffer: WindowedValue<unknown>[] = [];
  private consumer: ElementConsumer | undefined;
  /** The consumer, when it is one that takes a keyed element as its key and value. */
  private keyedConsumer: ElementConsumer | undefined;

  /** @param emitter the output's emitter, which counts its elements (and bundles them unless fused). */
  constructor(readonly emitter: Emitter) {}

  /** The one fused reader, if the output has exactly one (not several through a FanOut). */
  get soleConsumer(): ElementConsumer | undefined {
    return this.consumer instanceof FanOut ? undefined : this.consumer;
  }

  /** Every fused reader, in the order each element reaches them (none while unfused). */
  get fusedReaders(): readonly ElementConsumer[] {
    const consumer = this.consumer;
    if (consumer === undefined) return [];
    return consumer instanceof FanOut ? consumer.readers : [consumer];
  }

  /** Sends every later output straight into `consumer` too (as well as to the readers fused before it). */
  fuseWith(consumer: ElementConsumer): void {
    const current = this.consumer;
    if (current === undefined) this.consumer = consumer;
    else if (current instanceof FanOut) current.add(consumer);
    else this.consumer = new FanOut(current, consumer);
    this.keyedConsumer = this.consumer?.processKeyValue !== undefined ? this.consumer : undefined;
  }

  /**
   * Once every reader is wired: a fused output whose emitter has readers of its own (unfused
   * steps, collectors) bundles its elements for them, as one more fused reader.
   */
  bundleAlso(unfusedReaders: boolean): void {
    if (this.consumer !== undefined && unfusedReaders) this.fuseWith(new BundlingReader(this.emitter));
  }

  /** True once the output goes straight into a fused consumer. */
  get isFused(): boolean {
    return this.consumer !== undefined;
  }

  /** Outputs one element. Copied per fused output: refers to nothing but `this` and its parameters. */
  push(value: unknown, timestamp: Instant, windows: readonly BoundedWindow[], pane: PaneInfo): void {
    const consumer = this.consumer;
    if (consumer === undefined) {
      this.buffer.push({ value, timestamp, windows, pane });
      return;
    }
    this.emitter.count++;
    consumer.processElement(value, timestamp, windows, pane);
  }

  /**
   * Outputs the element `{ key, value }`, handing the key and value apart to a consumer that
   * takes them so (no KV allocated). Copied per fused output, as `push` is.
   */
  pushKeyed(
    key: unknown,
    value: unknown,
    timestamp: Instant,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    const consumer = this.keyedConsumer;
    if (consumer === undefined) {
      this.push({ key, value }, timestamp, windows, pane);
      return;
    }
    this.emitter.count++;
    consumer.processKeyValue!(key, value, timestamp, windows, pane);
  }

  /**
   * Outputs `values[start..end)`, each at its timestamp in `timestamps`, all in `windows` with
   * `pane`: a source's batch. As `push` of each in turn; a compiled output (`compileChains`) runs
   * its chain in a loop of its own and counts the batch once. Copied per fused output, as `push` is.
   */
  pushRange(
    values: ArrayLike<unknown>,
    timestamps: ArrayLike<Instant>,
    start: number,
    end: number,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    for (let i = start; i < end; i++) this.push(values[i], timestamps[i]!, windows, pane);
  }

  /** The number of buffered elements (always 0 when fused). */
  get length(): number {
    return this.buffer.length;
  }

  /** Drops the buffered elements after the first `length` (the outputs of a failed attempt). */
  truncate(length: number): void {
    this.buffer.length = length;
  }

  /** Emits the buffered elements as one bundle, or lets the fused consumer emit what it produced. */
  flush(): void {
    if (this.consumer !== undefined) {
      this.consumer.flush();
      return;
    }
    if (this.buffer.length === 0) return;
    const bundle = this.buffer;
    this.buffer = [];
    this.emitter.emit(bundle);
  }
}
