import type { PaneInfo } from "../../../values/PaneInfo";

/** The plain-data form of a grouping step's state, as checkpoints keep it. @internal */
export interface GroupingSnapshot {
  readonly sawInput: boolean;
  readonly insertedDefault: boolean;
  readonly keys: ReadonlyArray<{
    readonly key: unknown;
    readonly windows: ReadonlyArray<{
      readonly window: Uint8Array;
      /** The accumulator (encoded by the CombineFn's accumulatorCoder when it has one); null once closed. */
      readonly acc: unknown;
      readonly isEmpty: boolean;
      readonly hold: number;
      readonly finished: readonly number[];
      readonly data: readonly number[];
      readonly lastPane: PaneInfo | null;
      readonly closed: boolean;
    }>;
  }>;
}
