import { formatPane, NO_FIRING, paneInfo, type PaneInfo, type Timing } from "../values/PaneInfo";
import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";

/** Beam's timing ordinals, the order of `PaneInfo.Timing`. */
const TIMINGS: readonly Timing[] = ["EARLY", "ON_TIME", "LATE", "UNKNOWN"];
const TIMING_ORDINAL: Readonly<Record<Timing, number>> = { EARLY: 0, ON_TIME: 1, LATE: 2, UNKNOWN: 3 };

/** Beam's PaneInfo encodings (the high nibble of the first byte). */
const FIRST = 0; // no index follows: index 0, nonSpeculativeIndex implied by the timing
const ONE_INDEX = 1; // index follows; nonSpeculativeIndex implied by the timing
const TWO_INDICES = 2; // index and nonSpeculativeIndex follow

/** The nonSpeculativeIndex that Beam's decoder infers when only `index` is written. */
function impliedNonSpeculativeIndex(timing: Timing, index: number): number {
  return timing === "EARLY" ? -1 : index;
}

/**
 * The coder of {@link PaneInfo} in Beam's `PaneInfoCoder` layout: one byte
 * `encoding << 4 | timing << 2 | isLast << 1 | isFirst`, then zero, one or two varint indices.
 *
 * The encoding is chosen so that every pane round-trips exactly: `FIRST` when the indices are
 * those Beam infers for a first pane, `ONE_INDEX` when `nonSpeculativeIndex` follows from `index`
 * and the timing, otherwise `TWO_INDICES`. The common `NO_FIRING` and first on-time panes take one
 * byte. Deterministic.
 * @public
 */
export const paneInfoCoder: Coder<PaneInfo> = Object.freeze({
  /**
   * @throws RangeError when `index` is not a non-negative safe integer, or `nonSpeculativeIndex` is
   * neither that nor -1 for an EARLY pane.
   */
  encode(value: PaneInfo, out: ByteWriter): void {
    const { timing, index, nonSpeculativeIndex } = value;
    const ordinal = TIMING_ORDINAL[timing];
    const implied = impliedNonSpeculativeIndex(timing, index);
    let encoding: number;
    if (nonSpeculativeIndex === implied) {
      encoding = index === 0 ? FIRST : ONE_INDEX;
    } else if (nonSpeculativeIndex >= 0) {
      encoding = TWO_INDICES;
    } else {
      throw new RangeError(`paneInfoCoder cannot encode ${formatPane(value)}: invalid nonSpeculativeIndex`);
    }
    if (ordinal === undefined || !(Number.isSafeInteger(index) && index >= 0)) {
      throw new RangeError(`paneInfoCoder cannot encode ${formatPane(value)}: invalid timing or index`);
    }
    out.writeByte((encoding << 4) | (ordinal << 2) | (value.isLast ? 2 : 0) | (value.isFirst ? 1 : 0));
    if (encoding !== FIRST) out.writeVarInt(index);
    if (encoding === TWO_INDICES) out.writeVarInt(nonSpeculativeIndex);
  },
  /** @throws RangeError on truncated input or an unknown encoding. */
  decode(input: ByteReader): PaneInfo {
    const at = input.position;
    const b = input.readByte();
    const encoding = b >> 4;
    const timing = TIMINGS[(b >> 2) & 3]!;
    const isFirst = (b & 1) === 1;
    const isLast = (b & 2) === 2;
    if (encoding === FIRST) {
      if (isFirst && isLast && timing === "UNKNOWN") return NO_FIRING;
      return paneInfo(isFirst, isLast, timing, 0, impliedNonSpeculativeIndex(timing, 0));
    }
    if (encoding === ONE_INDEX) {
      const index = input.readVarInt();
      return paneInfo(isFirst, isLast, timing, index, impliedNonSpeculativeIndex(timing, index));
    }
    if (encoding === TWO_INDICES) {
      const index = input.readVarInt();
      return paneInfo(isFirst, isLast, timing, index, input.readVarInt());
    }
    throw new RangeError(`paneInfoCoder: unknown encoding ${encoding} in byte ${b} at offset ${at}`);
  },
  deterministic: true,
  toString(): string {
    return "paneInfoCoder";
  },
});
