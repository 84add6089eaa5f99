import { Executor, type Bundle } from "../Executor";
import type { Instant } from "../../time/Instant";

/**
 * A root step: produces bundles and sets its own output watermark.
 * @internal
 */
export abstract class SourceExecutor extends Executor {
  /** Produces the next bundle (or event); resolves to true if anything happened. */
  abstract produce(): boolean | Promise<boolean>;
  /** True once the source has nothing more to produce and its watermark is final. */
  abstract get done(): boolean;

  receive(_inputIndex: number, _bundle: Bundle): void {
    throw new Error(`${this.step} is a source and takes no input`);
  }

  override advanceWatermark(): Instant {
    return this.outputWatermark;
  }
}
