import type { CombineFn } from "../transforms/CombineFn";

/**
 * A state cell a stateful DoFn declares: its kind and id. State is scoped to one key and window
 * and cleared when the window expires.
 *
 * Declare specs as constants and use the same object to access the cell:
 * @example
 * ```ts
 * const seen = valueState<boolean>("seen");
 * const dedup: DoFn<KV<string, Click>, Click> = {
 *   state: { seen },
 *   process(e, ctx) {
 *     const cell = ctx.state.access(seen);
 *     if (!cell.read()) { cell.write(true); ctx.output(e.value); }
 *   },
 * };
 * ```
 * @public
 */
export type StateSpec =
  | ValueStateSpec<unknown>
  | BagStateSpec<unknown>
  | CombiningStateSpec<unknown, unknown, unknown>
  | MapStateSpec<unknown, unknown>
  | SetStateSpec<unknown>
  | OrderedListStateSpec<unknown>;

/** A single value. @public */
export interface ValueStateSpec<T> {
  readonly kind: "value";
  readonly id: string;
  readonly __type?: T;
}
/** An unordered bag of values, cheap to append to. @public */
export interface BagStateSpec<T> {
  readonly kind: "bag";
  readonly id: string;
  readonly __type?: T;
}
/** A value kept by a CombineFn: add inputs, read the output. @public */
export interface CombiningStateSpec<I, A, O> {
  readonly kind: "combining";
  readonly id: string;
  readonly combineFn: CombineFn<I, A, O>;
}
/** A map from structurally-compared keys to values. @public */
export interface MapStateSpec<K, V> {
  readonly kind: "map";
  readonly id: string;
  readonly __type?: [K, V];
}
/** A set of structurally-compared values. @public */
export interface SetStateSpec<T> {
  readonly kind: "set";
  readonly id: string;
  readonly __type?: T;
}
/** Values kept sorted by timestamp, readable by timestamp range. @public */
export interface OrderedListStateSpec<T> {
  readonly kind: "orderedList";
  readonly id: string;
  readonly __type?: T;
}

/** Declares a {@link ValueStateSpec}. @public */
export function valueState<T>(id: string): ValueStateSpec<T> {
  return { kind: "value", id };
}
/** Declares a {@link BagStateSpec}. @public */
export function bagState<T>(id: string): BagStateSpec<T> {
  return { kind: "bag", id };
}
/** Declares a {@link CombiningStateSpec}. @public */
export function combiningState<I, A, O>(
  id: string,
  combineFn: CombineFn<I, A, O>,
): CombiningStateSpec<I, A, O> {
  return { kind: "combining", id, combineFn };
}
/** Declares a {@link MapStateSpec}. @public */
export function mapState<K, V>(id: string): MapStateSpec<K, V> {
  return { kind: "map", id };
}
/** Declares a {@link SetStateSpec}. @public */
export function setState<T>(id: string): SetStateSpec<T> {
  return { kind: "set", id };
}
/** Declares an {@link OrderedListStateSpec}. @public */
export function orderedListState<T>(id: string): OrderedListStateSpec<T> {
  return { kind: "orderedList", id };
}
