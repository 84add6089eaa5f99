import type { TransformNode } from "../../model/TransformNode";
import type { Instant } from "../../time/Instant";
import type { PaneInfo } from "../../values/PaneInfo";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import type { WindowFn } from "../../windowing/WindowFn";
import { UserCodeError } from "../UserCodeError";
import { Executor, type Bundle, type Emitter } from "../Executor";
import type { ElementConsumer } from "../fusion/ElementConsumer";
import { MainOutput } from "../fusion/MainOutput";
import type { ChainStep } from "../fusion/compileChains";

/** The methods a fused WindowInto gets its own copies of (`ownCopies`): `this` and globals only. */
const ELEMENT_PATH: readonly string[] = ["processElement"];

/** Assigns windows to every element with the step's WindowFn; element-wise, so it fuses with its neighbours. @internal */
export class WindowIntoExecutor extends Executor implements ElementConsumer {
  private readonly main: MainOutput;

  constructor(
    node: TransformNode,
    outputs: ReadonlyMap<string, Emitter>,
    private readonly windowFn: WindowFn<BoundedWindow>,
  ) {
    super(node, outputs);
    this.main = new MainOutput(this.emitter());
  }

  receive(_inputIndex: number, bundle: Bundle): void {
    for (let i = 0; i < bundle.length; i++) {
      const wv = bundle[i]!;
      this.processElement(wv.value, wv.timestamp, wv.windows, wv.pane);
    }
    this.flush();
  }

  /** Copied per fused step (see ELEMENT_PATH). */
  processElement(
    value: unknown,
    timestamp: Instant,
    _windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    let windows: readonly BoundedWindow[];
    try {
      windows = this.windowFn.assignWindows(timestamp, value);
    } catch (e) {
      throw this.failure(value, e);
    }
    this.main.push(value, timestamp, windows, pane);
  }

  /** `e`, thrown by the WindowFn on `value`, as the UserCodeError that fails the pipeline (called by compiled chains too). */
  private failure(value: unknown, e: unknown): UserCodeError {
    return new UserCodeError(this.step, value, e);
  }

  override elementPath(): readonly string[] {
    return ELEMENT_PATH;
  }

  /** A WindowInto is written into a compiled chain as its WindowFn's `assignWindows`. */
  chainStep(): ChainStep {
    return { kind: "windowInto", fn: this.windowFn, executor: this, output: this.main };
  }

  flush(): void {
    this.main.flush();
  }

  override fusableOutput(): MainOutput {
    return this.main;
  }

  override fusableInput(): ElementConsumer {
    return this;
  }
}
