import type { Instant } from "../../time/Instant";
import type { PaneInfo } from "../../values/PaneInfo";
import type { WindowedValue } from "../../values/WindowedValue";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import type { Emitter } from "../Executor";
import type { ElementConsumer } from "./ElementConsumer";

/**
 * Where an element-wise step sends its main output: into a bundle for the output's emitter, or,
 * once the runner fused the step with the steps that read that output, straight into each of
 * them one element at a time. An output read by fused and unfused steps (or collected) does both:
 * each element goes to the fused readers at once and into the bundle the others get at `flush`.
 * Either way the emitter counts every element once, so the PCollection's element count does not
 * depend on fusion.
 * @internal
 */
export class MainOutput {
  /** The methods a fused output's own copies are made of (see `ownCopies`). */
  static readonly elementPath: readonly string[] = ["push"];

  private buffer: WindowedValue<unknown>[] = [];
  /** The first fused reader: most outputs have one, and its call site sees that reader alone. */
  private consumer: ElementConsumer | undefined;
  /** Further fused readers of the output (it fans out), in the order they were fused. */
  private others: ElementConsumer[] | undefined;
  /** Fused, and read by unfused steps too (or collected): elements are also bundled for the emitter. */
  private alsoBundled = false;

  constructor(private readonly emitter: Emitter) {}

  /** Sends every later output straight into `consumer` too (as well as to the readers fused before it). */
  fuseWith(consumer: ElementConsumer): void {
    if (this.consumer === undefined) this.consumer = consumer;
    else (this.others ??= []).push(consumer);
  }

  /**
   * Once every reader is wired: a fused output whose emitter has readers of its own (unfused
   * steps, collectors) keeps bundling its elements for them.
   */
  bundleAlso(unfusedReaders: boolean): void {
    this.alsoBundled = this.consumer !== undefined && unfusedReaders;
  }

  /** True once the output goes straight into a fused consumer. */
  get isFused(): boolean {
    return this.consumer !== undefined;
  }

  /** Outputs one element. Copied per fused output: refers to nothing but `this` and its parameters. */
  push(value: unknown, timestamp: Instant, windows: readonly BoundedWindow[], pane: PaneInfo): void {
    const consumer = this.consumer;
    if (consumer === undefined || this.alsoBundled) {
      this.buffer.push({ value, timestamp, windows, pane });
      if (consumer === undefined) return;
    } else {
      this.emitter.count++;
    }
    consumer.processElement(value, timestamp, windows, pane);
    const others = this.others;
    if (others !== undefined)
      for (let i = 0; i < others.length; i++) others[i]!.processElement(value, timestamp, windows, pane);
  }

  /** The number of buffered elements (0 when fused, unless unfused readers want bundles too). */
  get length(): number {
    return this.buffer.length;
  }

  /** Drops the buffered elements after the first `length` (the outputs of a failed attempt). */
  truncate(length: number): void {
    this.buffer.length = length;
  }

  /** Lets the fused readers emit what they produced, and emits the buffered elements as one bundle. */
  flush(): void {
    const consumer = this.consumer;
    if (consumer !== undefined) {
      consumer.flush();
      const others = this.others;
      if (others !== undefined) for (let i = 0; i < others.length; i++) others[i]!.flush();
      if (!this.alsoBundled) return;
    }
    if (this.buffer.length === 0) return;
    const bundle = this.buffer;
    this.buffer = [];
    this.emitter.emit(bundle);
  }
}
