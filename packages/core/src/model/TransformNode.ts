import type { CombineFn } from "../transforms/CombineFn";
import type { DoFn } from "../transforms/DoFn";
import type { PCollectionView } from "../transforms/PCollectionView";
import type { UnboundedSource } from "../io/UnboundedSource";
import type { TestStreamEvent } from "../testing/TestStreamEvent";
import type { BoundedWindow } from "../windowing/BoundedWindow";
import type { WindowFn } from "../windowing/WindowFn";
import type { PCollection } from "./PCollection";

/**
 * What a primitive step does: the runner interprets exactly these kinds.
 * @internal
 */
export type PrimitiveSpec =
  | { readonly kind: "create"; readonly values: readonly unknown[]; readonly timestamps?: readonly number[] }
  | { readonly kind: "testStream"; readonly events: readonly TestStreamEvent<unknown>[] }
  | { readonly kind: "read"; readonly source: UnboundedSource<unknown, unknown> }
  | {
      readonly kind: "parDo";
      readonly fn: DoFn<unknown, unknown>;
      readonly sideInputs: readonly PCollectionView<unknown>[];
      /** Route elements whose processing throws to the `deadLetters` output instead of failing. */
      readonly deadLetters: boolean;
      readonly maxRetries: number;
    }
  | { readonly kind: "windowInto"; readonly windowFn: WindowFn<BoundedWindow> }
  | { readonly kind: "groupByKey" }
  | {
      readonly kind: "combinePerKey";
      readonly combineFn: CombineFn<unknown, unknown, unknown>;
      /** Emit the empty accumulator's output when the (global-windowed, bounded) input is empty. */
      readonly insertDefault: boolean;
    }
  | { readonly kind: "flatten" };

/**
 * One applied step of the pipeline graph: its unique hierarchical name, inputs and outputs.
 * Composite steps have no `spec`; their parts name them as `parent`.
 * @public
 */
export interface TransformNode {
  /** Unique, stable, hierarchical name, e.g. `Clicks/Parse`. */
  readonly fullName: string;
  readonly parent: TransformNode | undefined;
  readonly inputs: readonly PCollection<unknown>[];
  /** Outputs by tag; single-output steps use the tag "main". */
  readonly outputs: ReadonlyMap<string, PCollection<unknown>>;
  /** Present on primitive steps only. @internal */
  readonly spec: PrimitiveSpec | undefined;
  /** Printed form of the transform, e.g. `parDo(ParseClick)`. */
  readonly description: string;
}
