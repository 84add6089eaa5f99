import type { PCollection } from "../model/PCollection";
import type { PTransform } from "../model/PTransform";
import { kv, type KV } from "../values/KV";
import { ParDo } from "./ParDo";
import { elementFunction, windowBlind } from "./windowBlind";

/*
 * The stateless element-wise transforms: each is a ParDo with a one-line DoFn, named after
 * what it does so graphs and errors read well. The user's function sees only the element, so
 * each DoFn is window-blind: an element in several windows is processed once.
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
  return new ParDo<I, O>(
    elementFunction(windowBlind({ name: "Map", process: (e: I, ctx) => ctx.output(fn(e)) }), {
      kind: "map",
      fn: fn as (element: unknown) => unknown,
    }),
  );
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
  return new ParDo<I, O>(
    windowBlind({
      name: "FlatMap",
      process: (e, ctx) => {
        for (const o of fn(e)) ctx.output(o);
      },
    }),
  );
}

/**
 * The elements for which `predicate` holds. With a type guard, the output is typed as what the
 * guard admits: `filter((e: Event): e is Bid => e.type === "bid")` is a `PCollection<Bid>`.
 * @public
 */
export function filter<T, S extends T>(
  predicate: (element: T) => element is S,
): PTransform<PCollection<T>, PCollection<S>>;
export function filter<T>(predicate: (element: T) => boolean): PTransform<PCollection<T>, PCollection<T>>;
export function filter<T>(predicate: (element: T) => boolean): PTransform<PCollection<T>, PCollection<T>> {
  return new ParDo<T, T>(
    elementFunction(
      windowBlind({
        name: "Filter",
        process: (e: T, ctx) => {
          if (predicate(e)) ctx.output(e);
        },
      }),
      { kind: "filter", fn: predicate as (element: unknown) => boolean },
    ),
  );
}

/**
 * Pairs each element with a key: `{ key: keyFn(element), value: element }`.
 * @public
 */
export function withKeys<T, K>(keyFn: (element: T) => K): PTransform<PCollection<T>, PCollection<KV<K, T>>> {
  return new ParDo<T, KV<K, T>>(
    elementFunction(windowBlind({ name: "WithKeys", process: (e: T, ctx) => ctx.output(kv(keyFn(e), e)) }), {
      kind: "withKeys",
      fn: keyFn as (element: unknown) => unknown,
    }),
  );
}

/** The keys of KVs. @public */
export function keys<K>(): PTransform<PCollection<KV<K, unknown>>, PCollection<K>> {
  return new ParDo<KV<K, unknown>, K>(windowBlind({ name: "Keys", process: (e, ctx) => ctx.output(e.key) }));
}

/** The values of KVs. @public */
export function values<V>(): PTransform<PCollection<KV<unknown, V>>, PCollection<V>> {
  return new ParDo<KV<unknown, V>, V>(
    windowBlind({ name: "Values", process: (e, ctx) => ctx.output(e.value) }),
  );
}
