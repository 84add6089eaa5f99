import { GlobalWindow } from "../windowing/GlobalWindow";
import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";
import { describeValue } from "./describeValue";

/**
 * The coder of the {@link GlobalWindow}: zero bytes, as Beam's `GlobalWindow.Coder` (there is only
 * one global window). Deterministic.
 * @public
 */
export const globalWindowCoder: Coder<GlobalWindow> = Object.freeze({
  /** @throws TypeError when `value` is not the GlobalWindow. */
  encode(value: GlobalWindow, _out: ByteWriter): void {
    if (value !== GlobalWindow.INSTANCE) {
      throw new TypeError(`globalWindowCoder cannot encode ${describeValue(value)}`);
    }
  },
  decode(_input: ByteReader): GlobalWindow {
    return GlobalWindow.INSTANCE;
  },
  deterministic: true,
  toString(): string {
    return "globalWindowCoder";
  },
});
