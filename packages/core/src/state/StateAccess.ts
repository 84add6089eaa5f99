import type { Instant } from "../time/Instant";
import type {
  BagStateSpec,
  CombiningStateSpec,
  MapStateSpec,
  OrderedListStateSpec,
  SetStateSpec,
  ValueStateSpec,
} from "./StateSpec";

/** A single value cell. @public */
export interface ValueState<T> {
  read(): T | undefined;
  write(value: T): void;
  clear(): void;
}
/** An append-only bag. @public */
export interface BagState<T> {
  add(value: T): void;
  read(): readonly T[];
  isEmpty(): boolean;
  clear(): void;
}
/** A cell folded by a CombineFn. @public */
export interface CombiningState<I, O> {
  add(input: I): void;
  read(): O;
  isEmpty(): boolean;
  clear(): void;
}
/** A map with structurally compared keys. @public */
export interface MapState<K, V> {
  get(key: K): V | undefined;
  put(key: K, value: V): void;
  remove(key: K): void;
  entries(): ReadonlyArray<readonly [K, V]>;
  clear(): void;
}
/** A set with structurally compared members. @public */
export interface SetState<T> {
  add(value: T): boolean;
  contains(value: T): boolean;
  remove(value: T): void;
  read(): readonly T[];
  clear(): void;
}
/** Values sorted by timestamp. Ranges are `[from, to)`. @public */
export interface OrderedListState<T> {
  add(value: T, timestamp: Instant): void;
  read(): ReadonlyArray<{ readonly value: T; readonly timestamp: Instant }>;
  readRange(from: Instant, to: Instant): ReadonlyArray<{ readonly value: T; readonly timestamp: Instant }>;
  clearRange(from: Instant, to: Instant): void;
  isEmpty(): boolean;
  clear(): void;
}

/**
 * Gives a stateful DoFn its declared state cells for the current key and window. A cell is valid
 * while the element or timer that accessed it is processed: access it again for the next one
 * (the runner may hand out the same cell object, bound to the new key and window).
 * @public
 */
export interface StateAccess {
  access<T>(spec: ValueStateSpec<T>): ValueState<T>;
  access<T>(spec: BagStateSpec<T>): BagState<T>;
  access<I, A, O>(spec: CombiningStateSpec<I, A, O>): CombiningState<I, O>;
  access<K, V>(spec: MapStateSpec<K, V>): MapState<K, V>;
  access<T>(spec: SetStateSpec<T>): SetState<T>;
  access<T>(spec: OrderedListStateSpec<T>): OrderedListState<T>;
}
