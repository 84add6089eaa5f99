import type { PaneInfo } from "../values/PaneInfo";
import type { WindowedValue } from "../values/WindowedValue";
import type { BoundedWindow } from "../windowing/BoundedWindow";
import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";
import type { Coder } from "./Coder";
import { instantCoder } from "./instantCoder";
import { paneInfoCoder } from "./paneInfoCoder";

/**
 * Makes the coder of {@link WindowedValue}s in Beam's `FullWindowedValueCoder` layout: the timestamp
 * ({@link instantCoder}), the window count as a big-endian uint32 followed by each window, the pane
 * ({@link paneInfoCoder}), then the value. Deterministic when both component coders are.
 *
 * Every window of an encoded value must be one that `windowCoder` encodes (the windows of one
 * PCollection all come from its WindowFn, whose `windowCoder` this is).
 * @example
 * ```ts
 * windowedValueCoder(stringCoder, globalWindowCoder).toString();
 * // "windowedValueCoder(stringCoder, globalWindowCoder)"
 * ```
 * @public
 */
export function windowedValueCoder<T, W extends BoundedWindow>(
  valueCoder: Coder<T>,
  windowCoder: Coder<W>,
): Coder<WindowedValue<T>> {
  return Object.freeze({
    /** @throws TypeError or RangeError from the component coders, e.g. for a window of another type. */
    encode(value: WindowedValue<T>, out: ByteWriter): void {
      instantCoder.encode(value.timestamp, out);
      const windows = value.windows;
      const n = windows.length;
      out.writeUint32(n);
      for (let i = 0; i < n; i++) windowCoder.encode(windows[i] as W, out);
      paneInfoCoder.encode(value.pane, out);
      valueCoder.encode(value.value, out);
    },
    /** @throws RangeError on truncated input. */
    decode(input: ByteReader): WindowedValue<T> {
      const timestamp = instantCoder.decode(input);
      const n = input.readUint32();
      const windows: W[] = [];
      for (let i = 0; i < n; i++) windows.push(windowCoder.decode(input));
      const pane: PaneInfo = paneInfoCoder.decode(input);
      return { value: valueCoder.decode(input), timestamp, windows, pane };
    },
    deterministic: valueCoder.deterministic && windowCoder.deterministic,
    toString(): string {
      return `windowedValueCoder(${String(valueCoder)}, ${String(windowCoder)})`;
    },
  });
}
