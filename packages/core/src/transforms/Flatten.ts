import type { PCollection } from "../model/PCollection";
import { PTransform } from "../model/PTransform";

/**
 * Merges several PCollections of the same type and compatible windowing into one.
 * @public
 */
export class Flatten<T> extends PTransform<readonly PCollection<T>[], PCollection<T>> {
  constructor() {
    super("Flatten");
  }

  expand(inputs: readonly PCollection<T>[]): PCollection<T> {
    const first = inputs[0];
    if (!first) throw new Error("flatten needs at least one PCollection");
    for (const pc of inputs) {
      if (!pc.windowing.windowFn.isCompatible(first.windowing.windowFn)) {
        throw new Error(
          `cannot flatten ${pc.name} (${pc.windowing.windowFn.toString()}) with ${first.name} (${first.windowing.windowFn.toString()}); ` +
            "window them with the same WindowFn first",
        );
      }
    }
    return first.pipeline
      .definePrimitive(
        { kind: "flatten" },
        {
          main: {
            windowing: first.windowing,
            isBounded: inputs.every((pc) => pc.isBounded),
            coder: first.coder,
          },
        },
      )
      .get("main") as PCollection<T>;
  }

  override toString(): string {
    return "flatten()";
  }
}

/**
 * Merges PCollections into one.
 * @example
 * ```ts
 * const all = flatten([webClicks, appClicks]);
 * ```
 * @throws PipelineConstructionError for an empty list or incompatible windowing.
 * @public
 */
export function flatten<T>(pcs: readonly PCollection<T>[], name?: string): PCollection<T> {
  const first = pcs[0];
  if (!first) throw new Error("flatten needs at least one PCollection");
  return first.pipeline.applyTransform(name, new Flatten<T>(), pcs, pcs);
}
