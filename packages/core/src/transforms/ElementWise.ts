import type { PCollection } from "../model/PCollection";
import type { PTransform } from "../model/PTransform";
import { kv, type KV } from "../values/KV";
import { ParDo } from "./ParDo";

/*
 * The stateless element-wise transforms: each is a ParDo with a one-line DoFn, named after
 * what it does so graphs and errors read well.
 */

/**
 * One output per element: `fn(element)`. Keeps the element's timestamp and window.
 * @example
 * ```ts
 * lengths = words.apply(map((w: string) => w.length));
 * ```
 * @public
 */
export function map<I, O>(fn: (element: I) => O): PTransform<PCollection<I>, PCollection<O>> {
  return new ParDo<I, O>({ name: "Map", process: (e, ctx) => ctx.output(fn(e)) });
}

/**
 * Zero or more outputs per element: every item of `fn(element)`.
 * @example
 * ```ts
 * words = lines.apply(flatMap((l: string) => l.split(" ")));
 * ```
 * @public
 */
export function flatMap<I, O>(fn: (element: I) => Iterable<O>): PTransform<PCollection<I>, PCollection<O>> {
  return new ParDo<I, O>({
    name: "FlatMap",
    process: (e, ctx) => {
      for (const o of fn(e)) ctx.output(o);
    },
  });
}

/**
 * The elements for which `predicate` holds.
 * @public
 */
export function filter<T>(predicate: (element: T) => boolean): PTransform<PCollection<T>, PCollection<T>> {
  return new ParDo<T, T>({
    name: "Filter",
    process: (e, ctx) => {
      if (predicate(e)) ctx.output(e);
    },
  });
}

/**
 * Pairs each element with a key: `{ key: keyFn(element), value: element }`.
 * @public
 */
export function withKeys<T, K>(keyFn: (element: T) => K): PTransform<PCollection<T>, PCollection<KV<K, T>>> {
  return new ParDo<T, KV<K, T>>({ name: "WithKeys", process: (e, ctx) => ctx.output(kv(keyFn(e), e)) });
}

/** The keys of KVs. @public */
export function keys<K>(): PTransform<PCollection<KV<K, unknown>>, PCollection<K>> {
  return new ParDo<KV<K, unknown>, K>({ name: "Keys", process: (e, ctx) => ctx.output(e.key) });
}

/** The values of KVs. @public */
export function values<V>(): PTransform<PCollection<KV<unknown, V>>, PCollection<V>> {
  return new ParDo<KV<unknown, V>, V>({ name: "Values", process: (e, ctx) => ctx.output(e.value) });
}
