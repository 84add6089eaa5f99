import type { TransformNode } from "../model/TransformNode";
import { MIN_TIMESTAMP, type Instant } from "../time/Instant";
import type { WindowedValue } from "../values/WindowedValue";
import type { MetricsContainer } from "../metrics/MetricsContainer";
import type { Clock } from "./Clock";
import type { ElementConsumer } from "./fusion/ElementConsumer";
import type { MainOutput } from "./fusion/MainOutput";

/** A bundle: the unit elements move between steps in. @internal */
export type Bundle = readonly WindowedValue<unknown>[];

/** Something that takes bundles for one of its inputs. @internal */
export interface Receiver {
  receive(inputIndex: number, bundle: Bundle): void;
}

/**
 * Delivers the bundles of one output PCollection to every step that reads it.
 * @internal
 */
export class Emitter {
  private readonly targets: Array<{ receiver: Receiver; inputIndex: number }> = [];
  /** Elements emitted so far (the PCollection's element count). */
  count = 0;

  connect(receiver: Receiver, inputIndex: number): void {
    this.targets.push({ receiver, inputIndex });
  }

  /** Whether any step or collector takes this output's bundles. */
  get connected(): boolean {
    return this.targets.length > 0;
  }

  emit(bundle: Bundle): void {
    if (bundle.length === 0) return;
    this.count += bundle.length;
    this.deliver(bundle);
  }

  /** Hands `bundle` to every reader without counting it: its elements were counted as they were produced. */
  deliver(bundle: Bundle): void {
    const targets = this.targets;
    for (let i = 0; i < targets.length; i++) targets[i]!.receiver.receive(targets[i]!.inputIndex, bundle);
  }
}

/** What every executor is given by the runner. @internal */
export interface ExecutionContext {
  readonly clock: Clock;
  metrics(step: string): MetricsContainer;
}

/**
 * Executes one primitive step. Elements arrive in bundles through `receive`; the runner moves
 * watermarks with `advanceWatermark` (in topological order, after the data that precedes them)
 * and processing time with `fireProcessingTimers`, and ends each bundle with `finishBundle`.
 * @internal
 */
export abstract class Executor implements Receiver {
  /** The minimum of the input watermarks (main inputs only for ParDo with side inputs). */
  inputWatermark: Instant = MIN_TIMESTAMP;
  /** Never decreases. */
  outputWatermark: Instant = MIN_TIMESTAMP;

  constructor(
    readonly node: TransformNode,
    /** One emitter per output tag. */
    readonly outputs: ReadonlyMap<string, Emitter>,
  ) {}

  get step(): string {
    return this.node.fullName;
  }

  protected emitter(tag = "main"): Emitter {
    return this.outputs.get(tag)!;
  }

  setup(): void | Promise<void> {}
  teardown(): void | Promise<void> {}

  abstract receive(inputIndex: number, bundle: Bundle): void;

  /**
   * The main output of an element-wise step that may feed the steps after it directly (the
   * runner fuses it with each reader that takes elements one at a time); undefined for other steps.
   */
  fusableOutput(): MainOutput | undefined {
    return undefined;
  }

  /**
   * The methods an element takes through this step when it is fused with a neighbour: the runner
   * gives the step its own copies of them (see `ownCopies`), so each must refer to nothing but
   * `this`, its parameters and globals.
   */
  elementPath(): readonly string[] {
    return [];
  }

  /** This step as a consumer fused behind the producer of its only input, if it can be one. */
  fusableInput(): ElementConsumer | undefined {
    return undefined;
  }

  /**
   * The watermarks of the step's inputs moved to `inputWatermarks` (one per input, in order; the
   * runner reuses the array, so it is read during the call only). Fires due event-time work and
   * returns the new output watermark.
   */
  advanceWatermark(inputWatermarks: readonly Instant[]): Instant {
    this.advanceInputWatermark(inputWatermarks);
    if (this.inputWatermark > this.outputWatermark) this.outputWatermark = this.inputWatermark;
    return this.outputWatermark;
  }

  /** Moves the input watermark to the minimum of `inputWatermarks` (it never decreases). */
  protected advanceInputWatermark(inputWatermarks: readonly Instant[]): void {
    let min = Infinity;
    for (let i = 0; i < inputWatermarks.length; i++) if (inputWatermarks[i]! < min) min = inputWatermarks[i]!;
    if (min > this.inputWatermark) this.inputWatermark = min;
  }

  /** Fires processing-time work due at `now`; returns true if anything fired. */
  fireProcessingTimers(_now: Instant): boolean {
    return false;
  }

  /** The earliest pending processing-time timer, or Infinity. */
  nextProcessingTimer(): Instant {
    return Infinity;
  }

  /** Ends the current bundle (flushes DoFn buffers); may be asynchronous. */
  finishBundle(): void | Promise<void> {}

  /**
   * The step's state as plain data (what structuralCoder encodes), for a checkpoint taken between
   * steps; undefined when the step keeps none.
   */
  snapshot(): unknown {
    return undefined;
  }

  /** Restores what `snapshot` returned, before the run starts. */
  restore(_snapshot: unknown): void {}
}
