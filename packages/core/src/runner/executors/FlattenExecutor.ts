import { Executor, type Bundle } from "../Executor";

/** Passes every input bundle through. @internal */
export class FlattenExecutor extends Executor {
  receive(_inputIndex: number, bundle: Bundle): void {
    this.emitter().emit(bundle);
  }
}
