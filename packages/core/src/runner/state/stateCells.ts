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
import type { Instant } from "../../time/Instant";
import type { StateBackend, StateNamespace } from "./StateBackend";

type Cell =
  | ValueState<unknown>
  | BagState<unknown>
  | CombiningState<unknown, unknown>
  | MapState<unknown, unknown>
  | SetState<unknown>
  | OrderedListState<unknown>;

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
 * Makes the cell object a DoFn uses for `spec` in namespace `ns`, reading and writing the
 * backend. Cells are views: they hold no data of their own.
 * @internal
 */
export function stateCell(backend: StateBackend, ns: StateNamespace, spec: StateSpec): Cell {
  const id = spec.id;
  const get = <T>(): T | undefined => backend.get(ns, id) as T | undefined;
  const put = (data: unknown): void => backend.put(ns, id, data);
  const clear = (): void => backend.remove(ns, id);
  switch (spec.kind) {
    case "value": {
      const cell: ValueState<unknown> = { read: () => get(), write: (v) => put(v), clear };
      return cell;
    }
    case "bag": {
      const cell: BagState<unknown> = {
        add(v) {
          const list = get<unknown[]>() ?? [];
          list.push(v);
          put(list);
        },
        read: () => (get<unknown[]>() ?? []).slice(),
        isEmpty: () => (get<unknown[]>()?.length ?? 0) === 0,
        clear,
      };
      return cell;
    }
    case "combining": {
      const fn = spec.combineFn;
      const cell: CombiningState<unknown, unknown> = {
        add(v) {
          put(fn.addInput(get() ?? fn.createAccumulator(), v));
        },
        read: () => fn.extractOutput(get() ?? fn.createAccumulator()),
        isEmpty: () => get() === undefined,
        clear,
      };
      return cell;
    }
    case "map": {
      const cell: MapState<unknown, unknown> = {
        get: (k) => get<Map<string, [unknown, unknown]>>()?.get(structuralKey(k))?.[1],
        put(k, v) {
          const m = get<Map<string, [unknown, unknown]>>() ?? new Map<string, [unknown, unknown]>();
          m.set(structuralKey(k), [k, v]);
          put(m);
        },
        remove(k) {
          const m = get<Map<string, [unknown, unknown]>>();
          if (!m) return;
          m.delete(structuralKey(k));
          if (m.size === 0) clear();
          else put(m);
        },
        entries: () => [...(get<Map<string, [unknown, unknown]>>()?.values() ?? [])],
        clear,
      };
      return cell;
    }
    case "set": {
      const cell: SetState<unknown> = {
        add(v) {
          const m = get<Map<string, unknown>>() ?? new Map<string, unknown>();
          const k = structuralKey(v);
          if (m.has(k)) return false;
          m.set(k, v);
          put(m);
          return true;
        },
        contains: (v) => get<Map<string, unknown>>()?.has(structuralKey(v)) ?? false,
        remove(v) {
          const m = get<Map<string, unknown>>();
          if (!m) return;
          m.delete(structuralKey(v));
          if (m.size === 0) clear();
          else put(m);
        },
        read: () => [...(get<Map<string, unknown>>()?.values() ?? [])],
        clear,
      };
      return cell;
    }
    case "orderedList": {
      const cell: OrderedListState<unknown> = {
        add(value, timestamp) {
          const list = get<Timestamped[]>() ?? [];
          list.splice(search(list, timestamp, true), 0, { value, timestamp });
          put(list);
        },
        read: () => (get<Timestamped[]>() ?? []).slice(),
        readRange(from, to) {
          const list = get<Timestamped[]>() ?? [];
          return list.slice(search(list, from, false), search(list, to, false));
        },
        clearRange(from, to) {
          const list = get<Timestamped[]>();
          if (!list) return;
          list.splice(search(list, from, false), search(list, to, false) - search(list, from, false));
          if (list.length === 0) clear();
          else put(list);
        },
        isEmpty: () => (get<Timestamped[]>()?.length ?? 0) === 0,
        clear,
      };
      return cell;
    }
  }
}
