import {
  systemClock,
  type Clock,
  type SourceBatch,
  type UnboundedReader,
  type UnboundedSource,
} from "@tributary/core";
import type { ClickEvent } from "./ClickEvent";
import { ClickStreamGenerator } from "./ClickStreamGenerator";
import type { ClickStreamOptions } from "./ClickStreamOptions";
import type { FraudLabel } from "./FraudLabel";

/** Options of the synthetic source besides the stream's shape. @public */
export interface ClickStreamSourceOptions extends ClickStreamOptions {
  /**
   * Target arrival rate in events per second of processing time (read from `clock`); unset means
   * as fast as the pipeline takes them.
   */
  readonly ratePerSecond?: number;
  /** Processing time for pacing. Default the system clock. */
  readonly clock?: Clock;
}

/** How far a reader has read: the number of events emitted (the stream is deterministic). @public */
export type ClickStreamCheckpoint = number;

/**
 * The synthetic click stream as an {@link UnboundedSource}: events in arrival order with their
 * event timestamps, the watermark "largest event time seen minus the disorder bound", and an end
 * (watermark MAX_TIMESTAMP) after `maxEvents` events or `durationMs` of event time.
 *
 * Readers resume from a checkpoint (an event count) by regenerating and skipping. The labels of
 * the last opened reader are available from `labels` — ground truth for scoring fraud alerts.
 * @example
 * ```ts
 * const clicks = p.apply("ReadClicks", read(new ClickStreamSource({ seed: 1, maxEvents: 100_000 })));
 * ```
 * @public
 */
export class ClickStreamSource implements UnboundedSource<ClickEvent, ClickStreamCheckpoint> {
  private lastGenerator: ClickStreamGenerator | undefined;

  constructor(readonly options: ClickStreamSourceOptions = {}) {
    if (options.ratePerSecond !== undefined && !(options.ratePerSecond > 0)) {
      throw new RangeError(`ratePerSecond must be > 0, got ${options.ratePerSecond}`);
    }
  }

  /** The fraud labels of the most recently opened reader, so far. */
  get labels(): readonly FraudLabel[] {
    return this.lastGenerator?.labels ?? [];
  }

  /** Events emitted by the most recently opened reader. */
  get emitted(): number {
    return this.lastGenerator?.emitted ?? 0;
  }

  open(checkpoint?: ClickStreamCheckpoint): Promise<UnboundedReader<ClickEvent, ClickStreamCheckpoint>> {
    const generator = new ClickStreamGenerator(this.options);
    for (let i = 0; i < (checkpoint ?? 0) && generator.next(); i++);
    this.lastGenerator = generator;
    return Promise.resolve(
      new ClickStreamReader(generator, this.options.ratePerSecond, this.options.clock ?? systemClock),
    );
  }

  toString(): string {
    return `clickStream(seed ${this.options.seed ?? 42})`;
  }
}

class ClickStreamReader implements UnboundedReader<ClickEvent, ClickStreamCheckpoint> {
  private readonly startedAt: number;
  private readonly startCount: number;

  constructor(
    private readonly generator: ClickStreamGenerator,
    private readonly ratePerSecond: number | undefined,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock.now();
    this.startCount = generator.emitted;
  }

  /** The batch itself, not a promise of it: it is generated in memory (see `UnboundedReader.read`). */
  read(maxElements: number): SourceBatch<ClickEvent> {
    let n = maxElements;
    if (this.ratePerSecond !== undefined) {
      const due = Math.floor(((this.clock.now() - this.startedAt) * this.ratePerSecond) / 1000);
      n = Math.min(n, Math.max(0, this.startCount + due - this.generator.emitted));
    }
    const values: ClickEvent[] = [];
    const timestamps: number[] = [];
    for (let i = 0; i < n; i++) {
      const e = this.generator.next();
      if (!e) break;
      values.push(e);
      timestamps.push(e.timestamp);
    }
    return { values, timestamps };
  }

  watermark(): number {
    return this.generator.watermark();
  }

  checkpointMark(): ClickStreamCheckpoint {
    return this.generator.emitted;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
