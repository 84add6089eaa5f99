import type { Instant } from "../time/Instant";

/**
 * A batch of elements read from a source, with their event timestamps: `values[i]` has the
 * timestamp `timestamps[i]`, for `i` from `start` (default 0) up to `end` (default
 * `values.length`). A reader that keeps its input in one array hands out a range of it, with no
 * copy per batch; the runner reads the range before it asks for the next batch, so the arrays may
 * be reused then (see {@link batchLength}).
 * @public
 */
export interface SourceBatch<T> {
  readonly values: readonly T[];
  readonly timestamps: readonly Instant[];
  /** The batch's first index in `values` and `timestamps` (default 0). */
  readonly start?: number;
  /** One past the batch's last index (default `values.length`). */
  readonly end?: number;
}

/** The number of elements in `batch` (its range, when it has one). @public */
export function batchLength(batch: SourceBatch<unknown>): number {
  return (batch.end ?? batch.values.length) - (batch.start ?? 0);
}

/**
 * Reads one unbounded stream: batches of elements, a watermark, and a checkpoint mark that
 * says how far it has read (for acknowledging input once a checkpoint covers it).
 * @public
 */
export interface UnboundedReader<T, CheckpointMark> {
  /**
   * Up to `maxElements` elements available now; an empty batch when there are none yet (the
   * runner then waits a little and asks again). A reader that has its elements at hand (in
   * memory) may return the batch itself; one that waits on I/O returns a promise of it. A batch
   * returned as it is costs the runner no turn of the microtask queue.
   */
  read(maxElements: number): SourceBatch<T> | Promise<SourceBatch<T>>;
  /**
   * The source's watermark: no later element will have an earlier timestamp (else it is late).
   * Must never decrease. An idle source should advance it so it does not stall the pipeline.
   * MAX_TIMESTAMP means the stream has ended.
   */
  watermark(): Instant;
  /** Where the reader is, to resume from or to acknowledge up to. */
  checkpointMark(): CheckpointMark;
  /** Called when the checkpoint holding `mark` is durable: input up to it may be acknowledged. */
  finalizeCheckpoint?(mark: CheckpointMark): Promise<void>;
  close(): Promise<void>;
}

/**
 * An unbounded source: the SPI that Pub/Sub and the synthetic click stream implement.
 * @public
 */
export interface UnboundedSource<T, CheckpointMark> {
  /** Printed in the graph, e.g. `pubsub(projects/p/subscriptions/s)`. */
  toString(): string;
  /** Opens a reader, resuming from `checkpoint` when given. */
  open(checkpoint?: CheckpointMark): Promise<UnboundedReader<T, CheckpointMark>>;
}
