import type { PCollection } from "../model/PCollection";
import { PTransform } from "../model/PTransform";
import { kv, type KV } from "../values/KV";
import { map } from "./ElementWise";
import { flatten } from "./Flatten";
import { combinePerKey } from "./Combine";
import type { CombineFn } from "./CombineFn";

/** The grouped result of a CoGroupByKey: for each input name, that input's values of the key. @public */
export type CoGbkResult<Inputs extends Record<string, PCollection<KV<unknown, unknown>>>> = {
  [Name in keyof Inputs]: Inputs[Name] extends PCollection<KV<unknown, infer V>> ? V[] : never;
};

type KeyOf<Inputs> = Inputs[keyof Inputs] extends PCollection<KV<infer K, unknown>> ? K : never;

/** A value of one input, tagged with the input's position among the inputs. */
interface Tagged {
  readonly input: number;
  readonly value: unknown;
}

/**
 * Groups tagged values per key and window straight into one list per input: what a GroupByKey
 * of the tagged values, unpacked by tag, gives (each list in arrival order), with no list of
 * tagged values in between.
 */
function joinFn(names: readonly string[]): CombineFn<Tagged, unknown[][], Record<string, unknown[]>> {
  const create = (): unknown[][] => {
    const lists: unknown[][] = [];
    for (let i = 0; i < names.length; i++) lists.push([]);
    return lists;
  };
  return {
    createAccumulator: create,
    addInput(lists, t) {
      lists[t.input]!.push(t.value);
      return lists;
    },
    mergeAccumulators(accumulators) {
      const merged = create();
      for (const lists of accumulators) {
        for (let i = 0; i < names.length; i++) for (const v of lists[i]!) merged[i]!.push(v);
      }
      return merged;
    },
    extractOutput(lists) {
      const result: Record<string, unknown[]> = {};
      for (let i = 0; i < names.length; i++) result[names[i]!] = lists[i]!.slice();
      return result;
    },
    toString: () => `coGroupByKey(${names.join(", ")})`,
  };
}

/**
 * Joins several KV PCollections by key and window: one output per key, window and pane, with
 * every input's values for that key (empty arrays where an input has none).
 * @example
 * ```ts
 * const joined = coGroupByKey({ clicks, orders }); // PCollection<KV<K, { clicks: Click[]; orders: Order[] }>>
 * ```
 * @public
 */
export function coGroupByKey<Inputs extends Record<string, PCollection<KV<unknown, unknown>>>>(
  inputs: Inputs,
  name?: string,
): PCollection<KV<KeyOf<Inputs>, CoGbkResult<Inputs>>> {
  const names = Object.keys(inputs);
  const pcs = Object.values(inputs);
  const first = pcs[0];
  if (!first) throw new Error("coGroupByKey needs at least one input");
  const transform = new (class extends PTransform<
    Inputs,
    PCollection<KV<KeyOf<Inputs>, CoGbkResult<Inputs>>>
  > {
    expand(ins: Inputs): PCollection<KV<KeyOf<Inputs>, CoGbkResult<Inputs>>> {
      const tagged = names.map((n, i) =>
        ins[n]!.apply(
          `Tag[${n}]`,
          map((e: KV<unknown, unknown>) => kv(e.key, { input: i, value: e.value })),
        ),
      );
      return flatten(tagged, "Flatten").apply("Group", combinePerKey(joinFn(names))) as PCollection<
        KV<KeyOf<Inputs>, CoGbkResult<Inputs>>
      >;
    }
    override toString(): string {
      return `coGroupByKey(${names.join(", ")})`;
    }
  })("CoGroupByKey");
  return first.pipeline.applyTransform(name, transform, inputs, pcs);
}
