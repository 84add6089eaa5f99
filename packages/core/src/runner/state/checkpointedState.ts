import type { StateSnapshot } from "./StateBackend";

/** How a cell's data is kept in a checkpoint: plain data as it is, a Map or Set as an array. @internal */
export const enum CellForm {
  Plain = 0,
  MapEntries = 1,
  SetValues = 2,
}

/**
 * A {@link StateSnapshot} in the form a checkpoint stores with structuralCoder: map and set cells
 * (and accumulators that are a Map or Set) hold a `Map` or `Set`, which has no structural
 * encoding, so each cell carries its form and its data as plain arrays.
 * @internal
 */
export interface CheckpointedState {
  readonly entries: ReadonlyArray<{
    readonly key: unknown;
    readonly window: Uint8Array;
    readonly cells: ReadonlyArray<readonly [id: string, form: CellForm, data: unknown]>;
    readonly timers: StateSnapshot["entries"][number]["timers"];
  }>;
}

/** A cell's data (or an accumulator) in checkpoint form: its form and plain data. @internal */
export function toCheckpointedData(data: unknown): readonly [CellForm, unknown] {
  if (data instanceof Map) return [CellForm.MapEntries, [...data]];
  if (data instanceof Set) return [CellForm.SetValues, [...data]];
  return [CellForm.Plain, data];
}

/** The data {@link toCheckpointedData} was given, with its Map or Set rebuilt. @internal */
export function fromCheckpointedData(form: CellForm, data: unknown): unknown {
  switch (form) {
    case CellForm.MapEntries:
      return new Map(data as Array<[unknown, unknown]>);
    case CellForm.SetValues:
      return new Set(data as unknown[]);
    default:
      return data;
  }
}

/** The checkpoint form of a state snapshot (shares the snapshot's plain data). @internal */
export function toCheckpointedState(snapshot: StateSnapshot): CheckpointedState {
  return {
    entries: snapshot.entries.map((e) => ({
      key: e.key,
      window: e.window,
      timers: e.timers,
      cells: e.cells.map(([id, data]) => [id, ...toCheckpointedData(data)] as const),
    })),
  };
}

/** The state snapshot a checkpoint holds, with its Maps and Sets rebuilt. @internal */
export function fromCheckpointedState(state: CheckpointedState): StateSnapshot {
  return {
    entries: state.entries.map((e) => ({
      key: e.key,
      window: e.window,
      timers: e.timers,
      cells: e.cells.map(([id, form, data]) => [id, fromCheckpointedData(form, data)] as const),
    })),
  };
}
