import {
  kv,
  MAX_TIMESTAMP,
  MIN_TIMESTAMP,
  type KV,
  type SourceBatch,
  type UnboundedReader,
  type UnboundedSource,
} from "@tributary/core";
import {
  EVENT_TIME_ORIGIN,
  eventAt,
  keyAt,
  type RecoveryWorkload,
  type WorkloadEvent,
} from "./RecoveryWorkload";

/** What an {@link OffsetSource} tells its owner (the measuring child) as the run goes. @public */
export interface OffsetSourceListener {
  /** The runner opened a reader at `offset`: the checkpoint (if any) has been restored. */
  opened?(offset: number): void;
  /** A checkpoint whose mark is `offset` is durable. */
  checkpointDurable?(offset: number): void;
}

/**
 * A deterministic, checkpointable unbounded source: its position is an offset, its checkpoint mark
 * that offset, and the event at each offset is a function of the offset ({@link eventAt}), so a
 * reader opened at a restored mark resumes exactly where the checkpoint was taken. Event time is
 * one event per millisecond; the watermark is the last event's timestamp (the stream is in order).
 *
 * Endless unless `end` is given: then the stream ends after offset `end - 1`, where `end` is
 * computed from the offset the reader opens at (e.g. "read 200,000 more events, then finish").
 * @public
 */
export class OffsetSource implements UnboundedSource<KV<number, WorkloadEvent>, number> {
  constructor(
    private readonly workload: RecoveryWorkload,
    private readonly end: (openedAt: number) => number = () => Infinity,
    private readonly listener: OffsetSourceListener = {},
  ) {}

  toString(): string {
    return `offsetSource(${this.workload.keys} keys)`;
  }

  open(checkpoint?: number): Promise<UnboundedReader<KV<number, WorkloadEvent>, number>> {
    const offset = checkpoint ?? 0;
    this.listener.opened?.(offset);
    return Promise.resolve(new OffsetReader(this.workload, offset, this.end(offset), this.listener));
  }
}

class OffsetReader implements UnboundedReader<KV<number, WorkloadEvent>, number> {
  constructor(
    private readonly workload: RecoveryWorkload,
    private offset: number,
    private readonly end: number,
    private readonly listener: OffsetSourceListener,
  ) {}

  read(maxElements: number): Promise<SourceBatch<KV<number, WorkloadEvent>>> {
    const from = this.offset;
    const to = Math.min(from + maxElements, this.end);
    const values = new Array<KV<number, WorkloadEvent>>(Math.max(0, to - from));
    const timestamps = new Array<number>(values.length);
    for (let o = from; o < to; o++) {
      values[o - from] = kv(keyAt(o, this.workload), eventAt(o, this.workload));
      timestamps[o - from] = EVENT_TIME_ORIGIN + o;
    }
    this.offset = Math.max(from, to);
    return Promise.resolve({ values, timestamps });
  }

  watermark(): number {
    if (this.offset >= this.end) return MAX_TIMESTAMP;
    return this.offset === 0 ? MIN_TIMESTAMP : EVENT_TIME_ORIGIN + this.offset - 1;
  }

  checkpointMark(): number {
    return this.offset;
  }

  finalizeCheckpoint(mark: number): Promise<void> {
    this.listener.checkpointDurable?.(mark);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
