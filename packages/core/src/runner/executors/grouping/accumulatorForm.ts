import { decodeFromBytes } from "../../../coders/decodeFromBytes";
import { encodeToBytes } from "../../../coders/encodeToBytes";
import { fromCheckpointedData, toCheckpointedData } from "../../state/checkpointedState";
import type { Reducer } from "./bufferReducer";

/**
 * An accumulator in the form a checkpoint keeps: bytes by the CombineFn's `accumulatorCoder`
 * (after `compact`, if it has one), else plain data (Maps and Sets included).
 * @internal
 */
export function encodeAccumulator(reducer: Reducer, acc: unknown): unknown {
  const c = reducer.accumulatorCoder;
  return c ? encodeToBytes(c, reducer.compact ? reducer.compact(acc) : acc) : toCheckpointedData(acc);
}

/** The accumulator back from `encodeAccumulator`'s form (a copy: the checkpoint is not shared). @internal */
export function decodeAccumulator(reducer: Reducer, data: unknown): unknown {
  const c = reducer.accumulatorCoder;
  if (c) return decodeFromBytes(c, data as Uint8Array);
  const [form, plain] = data as ReturnType<typeof toCheckpointedData>;
  return fromCheckpointedData(form, structuredClone(plain));
}
