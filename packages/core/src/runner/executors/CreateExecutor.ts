import type { TransformNode } from "../../model/TransformNode";
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from "../../time/Instant";
import { NO_FIRING } from "../../values/PaneInfo";
import { GlobalWindow } from "../../windowing/GlobalWindow";
import type { Emitter } from "../Executor";
import { MainOutput } from "../fusion/MainOutput";
import { SourceExecutor } from "./SourceExecutor";

const GLOBAL = [GlobalWindow.INSTANCE];

/** Emits a Create's values in bundles of `bundleSize`, then advances its watermark to the end. @internal */
export class CreateExecutor extends SourceExecutor {
  private position = 0;
  private readonly main: MainOutput;

  constructor(
    node: TransformNode,
    outputs: ReadonlyMap<string, Emitter>,
    private readonly values: readonly unknown[],
    private readonly timestamps: readonly number[] | undefined,
    private readonly bundleSize: number,
  ) {
    super(node, outputs);
    this.main = new MainOutput(this.emitter());
  }

  /** One bundle of values, or element by element into the fused step after the source. */
  override fusableOutput(): MainOutput {
    return this.main;
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
    const start = this.position;
    this.position = end;
    for (let i = start; i < end; i++)
      this.main.push(this.values[i], this.timestamps?.[i] ?? MIN_TIMESTAMP, GLOBAL, NO_FIRING);
    this.main.flush();
    return true;
  }
}
