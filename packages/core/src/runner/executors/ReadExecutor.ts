import type { TransformNode } from "../../model/TransformNode";
import type { UnboundedReader, UnboundedSource } from "../../io/UnboundedSource";
import { MAX_TIMESTAMP } from "../../time/Instant";
import { NO_FIRING } from "../../values/PaneInfo";
import type { WindowedValue } from "../../values/WindowedValue";
import { GlobalWindow } from "../../windowing/GlobalWindow";
import type { Emitter } from "../Executor";
import { SourceExecutor } from "./SourceExecutor";

const GLOBAL = [GlobalWindow.INSTANCE];

/** Reads an unbounded source batch by batch and tracks its watermark. @internal */
export class ReadExecutor extends SourceExecutor {
  private reader: UnboundedReader<unknown, unknown> | undefined;

  constructor(
    node: TransformNode,
    outputs: ReadonlyMap<string, Emitter>,
    private readonly source: UnboundedSource<unknown, unknown>,
    private readonly batchSize: number,
  ) {
    super(node, outputs);
  }

  override async setup(): Promise<void> {
    this.reader = await this.source.open();
  }

  override async teardown(): Promise<void> {
    await this.reader?.close();
  }

  get done(): boolean {
    return this.outputWatermark === MAX_TIMESTAMP;
  }

  /**
   * Tells the reader that everything it produced so far has been processed by every step (their
   * bundles finished), so the input may be acknowledged. Input that a grouping step still holds
   * in memory is acknowledged too: until checkpoints persist that state, a crash loses it.
   */
  override async finishBundle(): Promise<void> {
    const reader = this.reader;
    if (reader?.finalizeCheckpoint) await reader.finalizeCheckpoint(reader.checkpointMark());
  }

  async produce(): Promise<boolean> {
    const reader = this.reader;
    if (!reader || this.done) return false;
    const batch = await reader.read(this.batchSize);
    const n = batch.values.length;
    if (n > 0) {
      const bundle = new Array<WindowedValue<unknown>>(n);
      for (let i = 0; i < n; i++)
        bundle[i] = {
          value: batch.values[i],
          timestamp: batch.timestamps[i]!,
          windows: GLOBAL,
          pane: NO_FIRING,
        };
      this.emitter().emit(bundle);
    }
    const wm = reader.watermark();
    const advanced = wm > this.outputWatermark;
    if (advanced) this.outputWatermark = wm;
    return n > 0 || advanced;
  }
}
