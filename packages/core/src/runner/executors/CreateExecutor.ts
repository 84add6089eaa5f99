import type { TransformNode } from "../../model/TransformNode";
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from "../../time/Instant";
import { NO_FIRING } from "../../values/PaneInfo";
import type { WindowedValue } from "../../values/WindowedValue";
import { GlobalWindow } from "../../windowing/GlobalWindow";
import type { Emitter } from "../Executor";
import { SourceExecutor } from "./SourceExecutor";

const GLOBAL = [GlobalWindow.INSTANCE];

/** Emits a Create's values in bundles of `bundleSize`, then advances its watermark to the end. @internal */
export class CreateExecutor extends SourceExecutor {
  private position = 0;

  constructor(
    node: TransformNode,
    outputs: ReadonlyMap<string, Emitter>,
    private readonly values: readonly unknown[],
    private readonly timestamps: readonly number[] | undefined,
    private readonly bundleSize: number,
  ) {
    super(node, outputs);
  }

  get done(): boolean {
    return this.outputWatermark === MAX_TIMESTAMP;
  }

  override snapshot(): { position: number } {
    return { position: this.position };
  }

  override restore(snapshot: unknown): void {
    this.position = (snapshot as { position: number }).position;
  }

  produce(): boolean {
    if (this.done) return false;
    if (this.position >= this.values.length) {
      this.outputWatermark = MAX_TIMESTAMP;
      return true;
    }
    const end = Math.min(this.position + this.bundleSize, this.values.length);
    const bundle: WindowedValue<unknown>[] = [];
    for (let i = this.position; i < end; i++) {
      bundle.push({
        value: this.values[i],
        timestamp: this.timestamps?.[i] ?? MIN_TIMESTAMP,
        windows: GLOBAL,
        pane: NO_FIRING,
      });
    }
    this.position = end;
    this.emitter().emit(bundle);
    return true;
  }
}
