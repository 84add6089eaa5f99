import {
  MAX_TIMESTAMP,
  MIN_TIMESTAMP,
  type SourceBatch,
  type UnboundedReader,
  type UnboundedSource,
  type VirtualClock,
} from "@tributary/core";
import type { StreamedInput } from "./StreamedInput";

/**
 * An unbounded source that generates each batch when the runner reads it, so the input is never
 * held: {@link ArraySource}'s semantics (watermark = largest timestamp read minus `watermarkLag`,
 * MAX_TIMESTAMP once `count` elements are read; each read moves `clock` to the largest event
 * time read so far) over a {@link StreamedInput} instead of arrays. Generation is part of the
 * run, so a run over this source measures memory, not speed. The checkpoint mark is the number
 * of elements read; reopening at a mark regenerates the stream up to it.
 * @public
 */
export class StreamedSource<T> implements UnboundedSource<T, number> {
  constructor(
    private readonly input: StreamedInput<T>,
    private readonly clock: VirtualClock,
    private readonly watermarkLag = 0,
    /** Called after each read with the number of elements read so far (memory probes). */
    private readonly onRead?: (position: number) => void,
  ) {}

  toString(): string {
    return `streamedSource(${this.input.count} elements)`;
  }

  open(checkpoint?: number): Promise<UnboundedReader<T, number>> {
    const generator = this.input.start();
    const position = checkpoint ?? 0;
    for (let i = 0; i < position; i++) generator.next();
    return Promise.resolve(
      new StreamedReader(this.input, generator, this.clock, this.watermarkLag, position, this.onRead),
    );
  }
}

class StreamedReader<T> implements UnboundedReader<T, number> {
  private maxTimestamp = MIN_TIMESTAMP;

  constructor(
    private readonly input: StreamedInput<T>,
    private readonly generator: { next(): T },
    private readonly clock: VirtualClock,
    private readonly watermarkLag: number,
    private position: number,
    private readonly onRead: ((position: number) => void) | undefined,
  ) {}

  /** The batch itself, not a promise of it: it is generated in memory (see `UnboundedReader.read`). */
  read(maxElements: number): SourceBatch<T> {
    const n = Math.max(0, Math.min(maxElements, this.input.count - this.position));
    const values = new Array<T>(n);
    const timestamps = new Array<number>(n);
    let max = this.maxTimestamp;
    for (let i = 0; i < n; i++) {
      const e = this.generator.next();
      const ts = this.input.timestampOf(e);
      values[i] = e;
      timestamps[i] = ts;
      if (ts > max) max = ts;
    }
    this.position += n;
    this.maxTimestamp = max;
    if (n > 0) this.clock.advanceTo(max);
    this.onRead?.(this.position);
    return { values, timestamps };
  }

  watermark(): number {
    if (this.position >= this.input.count) return MAX_TIMESTAMP;
    return this.maxTimestamp === MIN_TIMESTAMP ? MIN_TIMESTAMP : this.maxTimestamp - this.watermarkLag;
  }

  checkpointMark(): number {
    return this.position;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
