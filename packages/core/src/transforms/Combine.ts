import type { PCollection } from "../model/PCollection";
import { PTransform } from "../model/PTransform";
import { kv, type KV } from "../values/KV";
import { GlobalWindows } from "../windowing/GlobalWindows";
import type { CombineFn } from "./CombineFn";
import { map, values, withKeys } from "./ElementWise";
import { defineGrouping, type WithLateData } from "./groupingValidation";
import type { PrimitiveSpec } from "../model/TransformNode";

/**
 * Combines the values of each key and window with a {@link CombineFn}. The runner applies it
 * incrementally (lifted): it keeps one accumulator per key, window and pane, never the values.
 * Panes fire as a GroupByKey's would.
 * @example
 * ```ts
 * const totals = purchases.apply(combinePerKey(combiners.sum()));
 * ```
 * @public
 */
export class CombinePerKey<K, V, A, O> extends PTransform<PCollection<KV<K, V>>, PCollection<KV<K, O>>> {
  constructor(
    readonly combineFn: CombineFn<V, A, O>,
    /** Emit the empty result for an empty global-window bounded input (used by combineGlobally). */
    readonly insertDefault = false,
  ) {
    super("CombinePerKey");
  }

  expand(input: PCollection<KV<K, V>>): PCollection<KV<K, O>> {
    return defineGrouping(input, this.spec(input), false).get("main") as PCollection<KV<K, O>>;
  }

  /** Also returns the elements dropped as too late: `{ grouped, lateData }` (see GroupByKey.withLateData). */
  withLateData(): PTransform<PCollection<KV<K, V>>, WithLateData<KV<K, O>, KV<K, V>>> {
    const specFor = (input: PCollection<KV<K, V>>): Extract<PrimitiveSpec, { kind: "combinePerKey" }> =>
      this.spec(input);
    const name = this.toString();
    return new (class extends PTransform<PCollection<KV<K, V>>, WithLateData<KV<K, O>, KV<K, V>>> {
      expand(input: PCollection<KV<K, V>>): WithLateData<KV<K, O>, KV<K, V>> {
        const outputs = defineGrouping(input, specFor(input), true);
        return {
          grouped: outputs.get("main") as PCollection<KV<K, O>>,
          lateData: outputs.get("lateData") as PCollection<KV<K, V>>,
        };
      }
      override toString(): string {
        return `${name}.withLateData()`;
      }
    })("CombinePerKey");
  }

  private spec(input: PCollection<KV<K, V>>): Extract<PrimitiveSpec, { kind: "combinePerKey" }> {
    return {
      kind: "combinePerKey",
      combineFn: this.combineFn,
      insertDefault:
        this.insertDefault && input.isBounded && input.windowing.windowFn instanceof GlobalWindows,
    };
  }

  override toString(): string {
    return `combinePerKey(${this.combineFn.toString()})`;
  }
}

/** Combines per key and window. @see CombinePerKey @public */
export function combinePerKey<K, V, A, O>(fn: CombineFn<V, A, O>): CombinePerKey<K, V, A, O> {
  return new CombinePerKey(fn);
}

/**
 * Combines all elements of each window into one output. In the global window of a bounded input
 * it outputs the combiner's empty result when there is no input (as Beam does).
 * @example
 * ```ts
 * const total = amounts.apply(combineGlobally(combiners.sum()));
 * ```
 * @public
 */
export function combineGlobally<T, A, O>(fn: CombineFn<T, A, O>): PTransform<PCollection<T>, PCollection<O>> {
  return new (class extends PTransform<PCollection<T>, PCollection<O>> {
    expand(input: PCollection<T>): PCollection<O> {
      return input
        .apply(
          "WithNullKey",
          withKeys<T, null>(() => null),
        )
        .apply("Combine", new CombinePerKey<null, T, A, O>(fn, true))
        .apply("Values", values<O>());
    }
    override toString(): string {
      return `combineGlobally(${fn.toString()})`;
    }
  })("CombineGlobally");
}

/**
 * Combines the grouped values of a GroupByKey output: `KV<K, V[]>` → `KV<K, O>`. The unlifted
 * form of {@link combinePerKey}, for values that are already grouped.
 * @public
 */
export function combineGroupedValues<K, V, A, O>(
  fn: CombineFn<V, A, O>,
): PTransform<PCollection<KV<K, readonly V[]>>, PCollection<KV<K, O>>> {
  return map((e: KV<K, readonly V[]>) => {
    let acc = fn.createAccumulator();
    for (const v of e.value) acc = fn.addInput(acc, v);
    return kv(e.key, fn.extractOutput(acc));
  });
}
