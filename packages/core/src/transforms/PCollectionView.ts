import type { PCollection } from "../model/PCollection";
import { structuralKey } from "../coders/structuralKey";
import type { KV } from "../values/KV";

/**
 * A side input: a PCollection seen by a ParDo as one value per window (a singleton, an
 * iterable, a map or a multimap). The main input's window is mapped to the side input's window
 * by the side input's WindowFn (e.g. the fixed window that contains the main window's end).
 *
 * A side input window is ready once the side input's watermark passes its end or a pane for it
 * has arrived; main-input elements wait (and hold the watermark) until then.
 * @public
 */
export interface PCollectionView<T> {
  readonly pcollection: PCollection<unknown>;
  /** `asSingleton`, `asIterable`, `asMap` or `asMultimap`. */
  readonly kind: "singleton" | "iterable" | "map" | "multimap";
  /** Builds the view's value from the elements of one window. */
  materialize(values: readonly unknown[]): T;
  toString(): string;
}

/**
 * A side input holding the single element of each window.
 * @throws Error (when read) if the window has more than one element, or none and no default.
 * @public
 */
export function asSingleton<T>(pc: PCollection<T>, options: { defaultValue?: T } = {}): PCollectionView<T> {
  return {
    pcollection: pc,
    kind: "singleton",
    materialize(values) {
      if (values.length === 1) return values[0] as T;
      if (values.length === 0 && "defaultValue" in options) return options.defaultValue;
      throw new Error(
        values.length === 0
          ? `side input asSingleton(${pc.name}) is empty in this window and has no defaultValue`
          : `side input asSingleton(${pc.name}) has ${values.length} elements in this window; it must have exactly one (combine it first)`,
      );
    },
    toString: () => `asSingleton(${pc.name})`,
  };
}

/** A side input holding all elements of each window. @public */
export function asIterable<T>(pc: PCollection<T>): PCollectionView<readonly T[]> {
  return {
    pcollection: pc,
    kind: "iterable",
    materialize: (values) => values as readonly T[],
    toString: () => `asIterable(${pc.name})`,
  };
}

/**
 * A side input of KVs read as a map lookup; keys are compared structurally.
 * @throws Error (when read) if a key occurs twice in a window.
 * @public
 */
export function asMap<K, V>(pc: PCollection<KV<K, V>>): PCollectionView<SideInputMap<K, V>> {
  return {
    pcollection: pc,
    kind: "map",
    materialize(values) {
      const m = new SideInputMap<K, V>();
      for (const e of values as readonly KV<K, V>[]) {
        if (m.has(e.key))
          throw new Error(
            `side input asMap(${pc.name}) has duplicate key ${structuralKey(e.key)}; use asMultimap`,
          );
        m.set(e.key, e.value);
      }
      return m;
    },
    toString: () => `asMap(${pc.name})`,
  };
}

/** A side input of KVs read as key → all values; keys are compared structurally. @public */
export function asMultimap<K, V>(pc: PCollection<KV<K, V>>): PCollectionView<SideInputMap<K, V[]>> {
  return {
    pcollection: pc,
    kind: "multimap",
    materialize(values) {
      const m = new SideInputMap<K, V[]>();
      for (const e of values as readonly KV<K, V>[]) {
        const list = m.get(e.key);
        if (list) list.push(e.value);
        else m.set(e.key, [e.value]);
      }
      return m;
    },
    toString: () => `asMultimap(${pc.name})`,
  };
}

/**
 * A read-only-by-convention map whose keys are compared structurally (so object keys work).
 * @public
 */
export class SideInputMap<K, V> {
  private readonly entriesByKey = new Map<string, [K, V]>();
  get(key: K): V | undefined {
    return this.entriesByKey.get(structuralKey(key))?.[1];
  }
  has(key: K): boolean {
    return this.entriesByKey.has(structuralKey(key));
  }
  /** @internal */
  set(key: K, value: V): void {
    this.entriesByKey.set(structuralKey(key), [key, value]);
  }
  get size(): number {
    return this.entriesByKey.size;
  }
  *entries(): IterableIterator<[K, V]> {
    yield* this.entriesByKey.values();
  }
  keys(): K[] {
    return [...this.entriesByKey.values()].map((e) => e[0]);
  }
}
