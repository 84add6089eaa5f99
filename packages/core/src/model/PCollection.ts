import type { Coder } from "../coders/Coder";
import type { CombineFn } from "../transforms/CombineFn";
import type { DoFn } from "../transforms/DoFn";
import { combineGlobally, combinePerKey } from "../transforms/Combine";
import { groupByKey } from "../transforms/GroupByKey";
import { filter, flatMap, keys, map, values, withKeys } from "../transforms/ElementWise";
import { parDo } from "../transforms/ParDo";
import { windowInto, type WindowIntoOptions } from "../transforms/WindowInto";
import type { KV } from "../values/KV";
import type { BoundedWindow } from "../windowing/BoundedWindow";
import type { WindowFn } from "../windowing/WindowFn";
import type { WindowingStrategy } from "../windowing/WindowingStrategy";
import type { Pipeline } from "./Pipeline";
import type { PTransform } from "./PTransform";
import type { TransformNode } from "./TransformNode";

/**
 * An immutable handle to a (possibly unbounded) collection of elements of type `T` in a
 * pipeline, with its windowing strategy and coder. Elements are not held here: the runner
 * streams them.
 * @public
 */
export class PCollection<T> {
  /** @internal */
  constructor(
    readonly pipeline: Pipeline,
    /** Unique name: the producing step's full name, plus `.tag` for additional outputs. */
    readonly name: string,
    /** The producer's output tag ("main" for the main output). */
    readonly tag: string,
    readonly producer: TransformNode,
    readonly windowing: WindowingStrategy,
    /** False for the output of an unbounded source and everything downstream of it. */
    readonly isBounded: boolean,
    readonly coder: Coder<T>,
  ) {}

  /** Applies `transform` to this PCollection, as a step named `name` or its default name. */
  apply<O>(transform: PTransform<PCollection<T>, O>): O;
  apply<O>(name: string, transform: PTransform<PCollection<T>, O>): O;
  apply<O>(a: string | PTransform<PCollection<T>, O>, b?: PTransform<PCollection<T>, O>): O {
    const [name, t] = typeof a === "string" ? [a, b!] : [undefined, a];
    return this.pipeline.applyTransform(name, t, this, [this as PCollection<unknown>]);
  }

  /** One output per element: `fn(element)`. @see map */
  map<O>(fn: (element: T) => O, name?: string): PCollection<O> {
    return this.applyNamed(name, map(fn));
  }

  /** Zero or more outputs per element. @see flatMap */
  flatMap<O>(fn: (element: T) => Iterable<O>, name?: string): PCollection<O> {
    return this.applyNamed(name, flatMap(fn));
  }

  /** The elements for which `predicate` holds; a type guard narrows the element type. @see filter */
  filter<S extends T>(predicate: (element: T) => element is S, name?: string): PCollection<S>;
  filter(predicate: (element: T) => boolean, name?: string): PCollection<T>;
  filter(predicate: (element: T) => boolean, name?: string): PCollection<T> {
    return this.applyNamed(name, filter(predicate));
  }

  /** Pairs each element with the key `keyFn(element)`. @see withKeys */
  withKeys<K>(keyFn: (element: T) => K, name?: string): PCollection<KV<K, T>> {
    return this.applyNamed(name, withKeys(keyFn));
  }

  /** The keys of a KV PCollection. */
  keys<K>(this: PCollection<KV<K, unknown>>, name?: string): PCollection<K> {
    return this.applyNamed(name, keys<K>());
  }

  /** The values of a KV PCollection. */
  values<V>(this: PCollection<KV<unknown, V>>, name?: string): PCollection<V> {
    return this.applyNamed(name, values<V>());
  }

  /** Applies a DoFn. @see parDo */
  parDo<O>(fn: DoFn<T, O>, name?: string): PCollection<O> {
    return this.applyNamed(name, parDo(fn));
  }

  /** Re-windows the elements. @see windowInto */
  windowInto(windowFn: WindowFn<BoundedWindow>, options?: WindowIntoOptions, name?: string): PCollection<T> {
    return this.applyNamed(name, windowInto<T>(windowFn, options));
  }

  /** Groups values by key and window. @see groupByKey */
  groupByKey<K, V>(this: PCollection<KV<K, V>>, name?: string): PCollection<KV<K, V[]>> {
    return this.applyNamed(name, groupByKey<K, V>());
  }

  /** Combines the values of each key and window. @see combinePerKey */
  combinePerKey<K, V, A, O>(
    this: PCollection<KV<K, V>>,
    fn: CombineFn<V, A, O>,
    name?: string,
  ): PCollection<KV<K, O>> {
    return this.applyNamed(name, combinePerKey<K, V, A, O>(fn));
  }

  /** Combines all elements of each window. @see combineGlobally */
  combineGlobally<A, O>(fn: CombineFn<T, A, O>, name?: string): PCollection<O> {
    return this.applyNamed(name, combineGlobally<T, A, O>(fn));
  }

  toString(): string {
    return `PCollection(${this.name})`;
  }

  private applyNamed<O>(name: string | undefined, t: PTransform<PCollection<T>, O>): O {
    return name === undefined ? this.apply(t) : this.apply(name, t);
  }
}
