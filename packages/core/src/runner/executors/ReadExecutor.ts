import type { TransformNode } from "../../model/TransformNode";
import type { SourceBatch, UnboundedReader, UnboundedSource } from "../../io/UnboundedSource";
import { MAX_TIMESTAMP } from "../../time/Instant";
import { NO_FIRING } from "../../values/PaneInfo";
import { GlobalWindow } from "../../windowing/GlobalWindow";
import type { Emitter } from "../Executor";
import { MainOutput } from "../fusion/MainOutput";
import { SourceExecutor } from "./SourceExecutor";
import { isPromiseLike } from "../isPromiseLike";

const GLOBAL = [GlobalWindow.INSTANCE];

/** Reads an unbounded source batch by batch and tracks its watermark. @internal */
export class ReadExecutor extends SourceExecutor {
  private reader: UnboundedReader<unknown, unknown> | undefined;
  /** The checkpoint mark to resume from (set by restore, used by setup). */
  private resumeFrom: unknown;
  /** When false, input is acknowledged only by `finalizeCheckpoint` after a durable checkpoint. */
  acknowledgeAfterBundle = true;
  private readonly main: MainOutput;

  constructor(
    node: TransformNode,
    outputs: ReadonlyMap<string, Emitter>,
    private readonly source: UnboundedSource<unknown, unknown>,
    private readonly batchSize: number,
  ) {
    super(node, outputs);
    this.main = new MainOutput(this.emitter());
  }

  /** One batch is one bundle, or goes element by element into the fused step after the source. */
  override fusableOutput(): MainOutput {
    return this.main;
  }

  override async setup(): Promise<void> {
    this.reader = await this.source.open(this.resumeFrom);
  }

  override async teardown(): Promise<void> {
    await this.reader?.close();
  }

  get done(): boolean {
    return this.outputWatermark === MAX_TIMESTAMP;
  }

  /**
   * At-least-once mode (no checkpoints configured): tells the reader that everything it produced
   * so far has been processed by every step, so the input may be acknowledged — including input
   * a grouping step still holds in memory, which a crash then loses. With checkpoints, the runner
   * instead acknowledges a mark only once a durable checkpoint covers it.
   */
  override finishBundle(): void | Promise<void> {
    if (this.acknowledgeAfterBundle && this.reader?.finalizeCheckpoint)
      return this.finalize(this.reader.checkpointMark());
  }

  /** The reader's current checkpoint mark: how far it has read. */
  override snapshot(): unknown {
    return this.reader?.checkpointMark() ?? this.resumeFrom ?? null;
  }

  override restore(snapshot: unknown): void {
    this.resumeFrom = snapshot ?? undefined;
  }

  /** Acknowledges the input covered by `mark` (a mark this reader returned). */
  async finalize(mark: unknown): Promise<void> {
    const reader = this.reader;
    if (mark === undefined || mark === null) return;
    if (reader?.finalizeCheckpoint) await reader.finalizeCheckpoint(mark);
  }

  /**
   * Reads the next batch and pushes it through the fused steps. Synchronous when the reader
   * returns its batch as it is, not in a promise (see `UnboundedReader.read`).
   */
  produce(): boolean | Promise<boolean> {
    const reader = this.reader;
    if (!reader || this.done) return false;
    const batch = reader.read(this.batchSize);
    return isPromiseLike(batch) ? Promise.resolve(batch).then(this.pushBatch) : this.pushBatch(batch);
  }

  /** Pushes a batch the reader returned into the fused steps; true if anything happened. */
  private readonly pushBatch = (batch: SourceBatch<unknown>): boolean => {
    const reader = this.reader!;
    const { values, timestamps } = batch;
    const start = batch.start ?? 0;
    const end = batch.end ?? values.length;
    this.main.pushRange(values, timestamps, start, end, GLOBAL, NO_FIRING);
    this.main.flush();
    const wm = reader.watermark();
    const advanced = wm > this.outputWatermark;
    if (advanced) this.outputWatermark = wm;
    return end > start || advanced;
  };
}
