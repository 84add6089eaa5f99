import type { PCollection } from "../model/PCollection";
import { PTransform } from "../model/PTransform";
import { kv, type KV } from "../values/KV";
import { map } from "./ElementWise";
import { flatten } from "./Flatten";
import { groupByKey } from "./GroupByKey";

/** The grouped result of a CoGroupByKey: for each input name, that input's values of the key. @public */
export type CoGbkResult<Inputs extends Record<string, PCollection<KV<unknown, unknown>>>> = {
  [Name in keyof Inputs]: Inputs[Name] extends PCollection<KV<unknown, infer V>> ? V[] : never;
};

type KeyOf<Inputs> = Inputs[keyof Inputs] extends PCollection<KV<infer K, unknown>> ? K : never;

interface Tagged {
  readonly input: string;
  readonly value: unknown;
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
      const tagged = names.map((n) =>
        ins[n]!.apply(
          `Tag[${n}]`,
          map((e: KV<unknown, unknown>) => kv(e.key, { input: n, value: e.value })),
        ),
      );
      return flatten(tagged, "Flatten")
        .apply("GroupByKey", groupByKey<unknown, Tagged>())
        .apply(
          "Unpack",
          map((g: KV<unknown, Tagged[]>) => {
            const result: Record<string, unknown[]> = {};
            for (const n of names) result[n] = [];
            for (const t of g.value) result[t.input]!.push(t.value);
            return kv(g.key as KeyOf<Inputs>, result as CoGbkResult<Inputs>);
          }),
        );
    }
    override toString(): string {
      return `coGroupByKey(${names.join(", ")})`;
    }
  })("CoGroupByKey");
  return first.pipeline.applyTransform(name, transform, inputs, pcs);
}
