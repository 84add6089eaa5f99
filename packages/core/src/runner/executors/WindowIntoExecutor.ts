import type { WindowedValue } from "../../values/WindowedValue";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import type { WindowFn } from "../../windowing/WindowFn";
import { UserCodeError } from "../UserCodeError";
import { Executor, type Bundle, type Emitter } from "../Executor";
import type { TransformNode } from "../../model/TransformNode";

/** Assigns windows to every element with the step's WindowFn. @internal */
export class WindowIntoExecutor extends Executor {
  constructor(
    node: TransformNode,
    outputs: ReadonlyMap<string, Emitter>,
    private readonly windowFn: WindowFn<BoundedWindow>,
  ) {
    super(node, outputs);
  }

  receive(_inputIndex: number, bundle: Bundle): void {
    const out = new Array<WindowedValue<unknown>>(bundle.length);
    for (let i = 0; i < bundle.length; i++) {
      const wv = bundle[i]!;
      let windows: readonly BoundedWindow[];
      try {
        windows = this.windowFn.assignWindows(wv.timestamp, wv.value);
      } catch (e) {
        throw new UserCodeError(this.step, wv.value, e);
      }
      out[i] = { value: wv.value, timestamp: wv.timestamp, windows, pane: wv.pane };
    }
    this.emitter().emit(out);
  }
}
