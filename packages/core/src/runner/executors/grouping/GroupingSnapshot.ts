import type { Coder } from "../../../coders/Coder";
import { encodeToBytes } from "../../../coders/encodeToBytes";
import type { PaneInfo } from "../../../values/PaneInfo";
import type { BoundedWindow } from "../../../windowing/BoundedWindow";
import { KeyMap } from "../../KeyMap";
import { splitTriggerState } from "../../triggers/TriggerStateMachine";
import { encodeAccumulator } from "./accumulatorForm";
import type { Reducer } from "./bufferReducer";
import type { WindowState } from "./WindowState";

/** The plain-data form of a grouping step's state, as checkpoints keep it. @internal */
export interface GroupingSnapshot {
  readonly sawInput: boolean;
  readonly insertedDefault: boolean;
  readonly keys: ReadonlyArray<{
    readonly key: unknown;
    readonly windows: ReadonlyArray<{
      readonly window: Uint8Array;
      /** The accumulator (encoded by the CombineFn's accumulatorCoder when it has one); null once closed. */
      readonly acc: unknown;
      readonly isEmpty: boolean;
      readonly hold: number;
      readonly finished: readonly number[];
      readonly data: readonly number[];
      readonly lastPane: PaneInfo | null;
      readonly closed: boolean;
    }>;
  }>;
}

type KeySnapshot = GroupingSnapshot["keys"][number];

/** The plain-data form of `states`, grouped by key in the order the keys first appear. @internal */
export function snapshotStates(
  states: Iterable<WindowState>,
  reducer: Reducer,
  windowCoder: Coder<BoundedWindow>,
): KeySnapshot[] {
  const byKey = new KeyMap<{ key: unknown; windows: Array<KeySnapshot["windows"][number]> }>();
  for (const ws of states) {
    let entry = byKey.get(ws.key);
    if (!entry) byKey.set(ws.key, (entry = { key: ws.key, windows: [] }));
    entry.windows.push({
      window: encodeToBytes(windowCoder, ws.window),
      acc: ws.closed ? null : encodeAccumulator(reducer, ws.acc),
      isEmpty: ws.isEmpty,
      hold: ws.hold,
      ...splitTriggerState(ws.trigger),
      lastPane: ws.lastPane ?? null,
      closed: ws.closed,
    });
  }
  return [...byKey.values()];
}
