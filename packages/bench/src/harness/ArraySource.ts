import {
  MAX_TIMESTAMP,
  MIN_TIMESTAMP,
  type SourceBatch,
  type UnboundedReader,
  type UnboundedSource,
  type VirtualClock,
} from "@tributary/core";

/** Pre-generated elements and their event timestamps. @public */
export interface TimestampedArrays<T> {
  readonly events: readonly T[];
  readonly timestamps: readonly number[];
  /**
   * The timestamps never decrease (the Nexmark generator's clock only moves forward): a batch's
   * largest timestamp is its last, as the source of an in-order stream knows without looking.
   */
  readonly ordered?: boolean;
}

/**
 * An unbounded source over pre-generated elements, so generation is not measured. Its
 * watermark trails the largest timestamp read by `watermarkLag` (0 for the in-order Nexmark
 * stream) and is MAX_TIMESTAMP once everything is read. Processing time is deterministic: each
 * read moves `clock` to the largest event time read so far (processing time = event time,
 * advanced batch by batch).
 * @public
 */
export class ArraySource<T> implements UnboundedSource<T, number> {
  constructor(
    private readonly input: TimestampedArrays<T>,
    private readonly clock: VirtualClock,
    private readonly watermarkLag = 0,
    /** Called after each read with the number of elements read so far (memory probes). */
    private readonly onRead?: (position: number) => void,
  ) {}

  toString(): string {
    return `arraySource(${this.input.events.length} elements)`;
  }

  open(checkpoint?: number): Promise<UnboundedReader<T, number>> {
    return Promise.resolve(
      new ArrayReader(this.input, this.clock, this.watermarkLag, checkpoint ?? 0, this.onRead),
    );
  }
}

class ArrayReader<T> implements UnboundedReader<T, number> {
  private maxTimestamp = MIN_TIMESTAMP;

  constructor(
    private readonly input: TimestampedArrays<T>,
    private readonly clock: VirtualClock,
    private readonly watermarkLag: number,
    private position: number,
    private readonly onRead: ((position: number) => void) | undefined,
  ) {}

  /** The batch itself, not a promise of it: the input is in memory (see `UnboundedReader.read`). */
  read(maxElements: number): SourceBatch<T> {
    const start = this.position;
    const end = Math.min(start + maxElements, this.input.events.length);
    this.position = end;
    const ts = this.input.timestamps;
    let max = this.maxTimestamp;
    if (this.input.ordered) {
      if (end > start) max = Math.max(max, ts[end - 1]!);
    } else {
      for (let i = start; i < end; i++) if (ts[i]! > max) max = ts[i]!;
    }
    this.maxTimestamp = max;
    if (end > start) this.clock.advanceTo(max);
    this.onRead?.(end);
    // A range of the input arrays, not a copy of it (the runner reads a batch before the next read).
    return { values: this.input.events, timestamps: ts, start, end };
  }

  watermark(): number {
    if (this.position >= this.input.events.length) return MAX_TIMESTAMP;
    return this.maxTimestamp === MIN_TIMESTAMP ? MIN_TIMESTAMP : this.maxTimestamp - this.watermarkLag;
  }

  checkpointMark(): number {
    return this.position;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
