import type { ByteReader } from "../../coders/ByteReader";
import type { ByteWriter } from "../../coders/ByteWriter";
import type { Coder } from "../../coders/Coder";
import { describeValue } from "../../coders/describeValue";
import { intervalWindowCoder } from "../../coders/intervalWindowCoder";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import { GlobalWindow } from "../../windowing/GlobalWindow";
import { IntervalWindow } from "../../windowing/IntervalWindow";

const GLOBAL = 0;
const INTERVAL = 1;

/**
 * Encodes the windows of the built-in WindowFns (the global window and interval windows) with a
 * tag byte, so that a durable state backend can store the windows of any built-in windowing.
 * @internal
 */
export const builtInWindowCoder: Coder<BoundedWindow> = Object.freeze({
  /** @throws TypeError for a window of a custom type: pass that WindowFn's `windowCoder` instead. */
  encode(value: BoundedWindow, out: ByteWriter): void {
    if (value === GlobalWindow.INSTANCE) {
      out.writeByte(GLOBAL);
    } else if (value instanceof IntervalWindow) {
      out.writeByte(INTERVAL);
      intervalWindowCoder.encode(value, out);
    } else {
      throw new TypeError(
        `builtInWindowCoder cannot encode ${describeValue(value)}; give the state backend the WindowFn's windowCoder`,
      );
    }
  },
  /** @throws RangeError on truncated or corrupt input. */
  decode(input: ByteReader): BoundedWindow {
    const at = input.position;
    const tag = input.readByte();
    if (tag === GLOBAL) return GlobalWindow.INSTANCE;
    if (tag === INTERVAL) return intervalWindowCoder.decode(input);
    throw new RangeError(`builtInWindowCoder: unknown tag ${tag} at offset ${at}`);
  },
  deterministic: true,
  toString(): string {
    return "builtInWindowCoder";
  },
});
