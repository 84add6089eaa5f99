import { IntervalWindow } from "../windowing/IntervalWindow";
import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";
import { describeValue } from "./describeValue";
import { instantCoder } from "./instantCoder";

const TWO_POW_28 = 0x1000_0000;

/**
 * The coder of {@link IntervalWindow}s as Beam's `IntervalWindowCoder` writes them: the end with
 * {@link instantCoder}, then the span `end - start` as an unsigned varint. Deterministic.
 *
 * Spans wider than `Number.MAX_SAFE_INTEGER` (e.g. `[MIN_TIMESTAMP, MAX_TIMESTAMP)`) are not exact
 * doubles, so they are computed, written and read in exact arithmetic.
 * @example
 * ```ts
 * encodeToBytes(intervalWindowCoder, new IntervalWindow(0, 10)); // [0x80, 0, 0, 0, 0, 0, 0, 10, 10]
 * ```
 * @public
 */
export const intervalWindowCoder: Coder<IntervalWindow> = Object.freeze({
  /**
   * @throws TypeError when `value` is not an IntervalWindow.
   * @throws RangeError when its bounds are not safe integers.
   */
  encode(value: IntervalWindow, out: ByteWriter): void {
    if (!(value instanceof IntervalWindow)) {
      throw new TypeError(`intervalWindowCoder cannot encode ${describeValue(value)}`);
    }
    const { start, end } = value;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) {
      throw new RangeError(
        `intervalWindowCoder cannot encode ${value.toString()}: bounds must be safe integers`,
      );
    }
    instantCoder.encode(end, out);
    const span = end - start;
    if (Number.isSafeInteger(span)) {
      out.writeVarInt(span);
    } else {
      let wide = BigInt(end) - BigInt(start);
      while (wide >= 128n) {
        out.writeByte(Number(wide & 127n) | 0x80);
        wide >>= 7n;
      }
      out.writeByte(Number(wide));
    }
  },
  /** @throws RangeError on truncated input or a window whose start is not a safe integer. */
  decode(input: ByteReader): IntervalWindow {
    const end = instantCoder.decode(input);
    // The span as low (first 28 bits) + high * 2^28, both exact; start = (end - low) - high * 2^28
    // is then exact too, as end - low lies between start and end.
    const at = input.position;
    let low = 0;
    let high = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      const b = input.readByte();
      if (i < 4) {
        low += (b & 0x7f) * scale;
        scale = i === 3 ? 1 : scale * 128;
      } else {
        high += (b & 0x7f) * scale;
        scale *= 128;
      }
      if (b < 0x80) break;
      if (i === 9) throw new RangeError(`intervalWindowCoder: malformed span varint at offset ${at}`);
    }
    const start = end - low - high * TWO_POW_28;
    if (!Number.isSafeInteger(start) || !(start < end)) {
      throw new RangeError(`intervalWindowCoder: decoded window [${start}, ${end}) is invalid`);
    }
    return new IntervalWindow(start, end);
  },
  deterministic: true,
  toString(): string {
    return "intervalWindowCoder";
  },
});
