import {
  MIN_TIMESTAMP,
  type Instant,
  batchLength,
  type SourceBatch,
  type UnboundedReader,
  type UnboundedSource,
} from "@tributary/core";

/** What a {@link CountingSource} has seen so far. @public */
export interface SourceProgress {
  /** Elements read. */
  readonly elements: number;
  /** The reader's latest watermark (MIN_TIMESTAMP before the first read). */
  readonly watermark: Instant;
}

/**
 * Wraps any unbounded source to count the elements read and remember the watermark, calling
 * `onRead` after each read (the CLI's progress line). Everything else — checkpoints,
 * acknowledgements — passes through unchanged.
 * @example
 * ```ts
 * const counted = new CountingSource(new ClickStreamSource({ maxEvents: 1000 }), (p) => console.log(p.elements));
 * p.apply(read(counted));
 * ```
 * @public
 */
export class CountingSource<T, C> implements UnboundedSource<T, C> {
  private progress: SourceProgress = { elements: 0, watermark: MIN_TIMESTAMP };

  constructor(
    private readonly inner: UnboundedSource<T, C>,
    private readonly onRead: (progress: SourceProgress) => void = () => undefined,
  ) {}

  /** Elements read and the latest watermark. */
  get current(): SourceProgress {
    return this.progress;
  }

  async open(checkpoint?: C): Promise<UnboundedReader<T, C>> {
    const reader = await this.inner.open(checkpoint);
    const report = (batch: SourceBatch<T>): SourceBatch<T> => {
      this.progress = {
        elements: this.progress.elements + batchLength(batch),
        watermark: reader.watermark(),
      };
      this.onRead(this.progress);
      return batch;
    };
    const counted: UnboundedReader<T, C> = {
      read: (max) => {
        const batch = reader.read(max);
        // A batch returned as it is stays so: the runner then takes no turn of the microtask queue.
        return batch instanceof Promise ? batch.then(report) : report(batch);
      },
      watermark: () => reader.watermark(),
      checkpointMark: () => reader.checkpointMark(),
      close: () => reader.close(),
    };
    if (reader.finalizeCheckpoint) {
      const finalize = reader.finalizeCheckpoint.bind(reader);
      return { ...counted, finalizeCheckpoint: (mark) => finalize(mark) };
    }
    return counted;
  }

  toString(): string {
    return this.inner.toString();
  }
}
