import { structuralKey } from "../../coders/structuralKey";
import type {
  BagState,
  CombiningState,
  MapState,
  OrderedListState,
  SetState,
  ValueState,
} from "../../state/StateAccess";
import type { StateSpec } from "../../state/StateSpec";
import type { CombineFn } from "../../transforms/CombineFn";
import type { Instant } from "../../time/Instant";
import type { StateBackend, StateNamespace } from "./StateBackend";

/** A cell of any kind, as `stateCell` makes it. @internal */
export type StateCell =
  | ValueState<unknown>
  | BagState<unknown>
  | CombiningState<unknown, unknown>
  | MapState<unknown, unknown>
  | SetState<unknown>
  | OrderedListState<unknown>;

/** Where a cell finds the namespace whose data it reads and writes. @internal */
export interface NamespaceScope {
  /**
   * The namespace of the element or timer being processed.
   * @throws Error outside an element or a timer.
   */
  current(): StateNamespace;
}

interface Timestamped {
  readonly value: unknown;
  readonly timestamp: Instant;
}

/** The first index whose timestamp is >= t (or > t when `after`). */
function search(list: readonly Timestamped[], t: Instant, after: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = list[mid]!.timestamp;
    if (x < t || (after && x === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What every cell shares: where its data lives (backend, the scope's current namespace, cell
 * id). Cells are views that hold no data of their own: the keyed runtime makes one per declared
 * spec, and each reads the namespace of the element or timer being processed when it is used.
 * So an access allocates nothing and stores nothing: an element's namespace is a new object, and
 * storing it into a long-lived cell would cost a write barrier that records the slot.
 */
abstract class CellView {
  constructor(
    private readonly backend: StateBackend,
    private readonly scope: NamespaceScope,
    private readonly id: string,
  ) {}

  protected data<T>(): T | undefined {
    return this.backend.get(this.scope.current(), this.id) as T | undefined;
  }

  protected store(data: unknown): void {
    this.backend.put(this.scope.current(), this.id, data);
  }

  clear(): void {
    this.backend.remove(this.scope.current(), this.id);
  }
}

class ValueCell extends CellView implements ValueState<unknown> {
  read(): unknown {
    return this.data();
  }

  write(value: unknown): void {
    this.store(value);
  }
}

class BagCell extends CellView implements BagState<unknown> {
  add(value: unknown): void {
    const list = this.data<unknown[]>() ?? [];
    list.push(value);
    this.store(list);
  }

  read(): unknown[] {
    return (this.data<unknown[]>() ?? []).slice();
  }

  isEmpty(): boolean {
    return (this.data<unknown[]>()?.length ?? 0) === 0;
  }
}

class CombiningCell extends CellView implements CombiningState<unknown, unknown> {
  constructor(
    backend: StateBackend,
    scope: NamespaceScope,
    id: string,
    private readonly fn: CombineFn<unknown, unknown, unknown>,
  ) {
    super(backend, scope, id);
  }

  add(value: unknown): void {
    this.store(this.fn.addInput(this.data() ?? this.fn.createAccumulator(), value));
  }

  read(): unknown {
    return this.fn.extractOutput(this.data() ?? this.fn.createAccumulator());
  }

  isEmpty(): boolean {
    return this.data() === undefined;
  }
}

/** A map cell's data: `[key, value]` by the key's structural key. */
type MapData = Map<string, [unknown, unknown]>;

class MapCell extends CellView implements MapState<unknown, unknown> {
  get(key: unknown): unknown {
    return this.data<MapData>()?.get(structuralKey(key))?.[1];
  }

  put(key: unknown, value: unknown): void {
    const m = this.data<MapData>() ?? (new Map() as MapData);
    m.set(structuralKey(key), [key, value]);
    this.store(m);
  }

  remove(key: unknown): void {
    const m = this.data<MapData>();
    if (!m) return;
    m.delete(structuralKey(key));
    if (m.size === 0) this.clear();
    else this.store(m);
  }

  entries(): Array<[unknown, unknown]> {
    return [...(this.data<MapData>()?.values() ?? [])];
  }
}

/** A set cell's data: the members by their structural key. */
type SetData = Map<string, unknown>;

class SetCell extends CellView implements SetState<unknown> {
  add(value: unknown): boolean {
    const m = this.data<SetData>() ?? (new Map() as SetData);
    const k = structuralKey(value);
    if (m.has(k)) return false;
    m.set(k, value);
    this.store(m);
    return true;
  }

  contains(value: unknown): boolean {
    return this.data<SetData>()?.has(structuralKey(value)) ?? false;
  }

  remove(value: unknown): void {
    const m = this.data<SetData>();
    if (!m) return;
    m.delete(structuralKey(value));
    if (m.size === 0) this.clear();
    else this.store(m);
  }

  read(): unknown[] {
    return [...(this.data<SetData>()?.values() ?? [])];
  }
}

class OrderedListCell extends CellView implements OrderedListState<unknown> {
  add(value: unknown, timestamp: Instant): void {
    const list = this.data<Timestamped[]>() ?? [];
    list.splice(search(list, timestamp, true), 0, { value, timestamp });
    this.store(list);
  }

  read(): Timestamped[] {
    return (this.data<Timestamped[]>() ?? []).slice();
  }

  readRange(from: Instant, to: Instant): Timestamped[] {
    const list = this.data<Timestamped[]>() ?? [];
    return list.slice(search(list, from, false), search(list, to, false));
  }

  clearRange(from: Instant, to: Instant): void {
    const list = this.data<Timestamped[]>();
    if (!list) return;
    const first = search(list, from, false);
    list.splice(first, search(list, to, false) - first);
    if (list.length === 0) this.clear();
    else this.store(list);
  }

  isEmpty(): boolean {
    return (this.data<Timestamped[]>()?.length ?? 0) === 0;
  }
}

/**
 * Makes the cell object a DoFn uses for `spec`, reading and writing the backend's data of the
 * scope's current namespace.
 * @internal
 */
export function stateCell(backend: StateBackend, scope: NamespaceScope, spec: StateSpec): StateCell {
  switch (spec.kind) {
    case "value":
      return new ValueCell(backend, scope, spec.id);
    case "bag":
      return new BagCell(backend, scope, spec.id);
    case "combining":
      return new CombiningCell(backend, scope, spec.id, spec.combineFn);
    case "map":
      return new MapCell(backend, scope, spec.id);
    case "set":
      return new SetCell(backend, scope, spec.id);
    case "orderedList":
      return new OrderedListCell(backend, scope, spec.id);
  }
}

/** A cell of `spec` that always reads and writes the data of namespace `ns` (tools and tests). @internal */
export function cellIn(backend: StateBackend, ns: StateNamespace, spec: StateSpec): StateCell {
  return stateCell(backend, { current: () => ns }, spec);
}
