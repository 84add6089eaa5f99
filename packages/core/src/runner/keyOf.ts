import { structuralKey } from "../coders/structuralKey";
import { isKV, type KV } from "../values/KV";
import type { BoundedWindow } from "../windowing/BoundedWindow";
import { UserCodeError } from "./UserCodeError";

/**
 * The KV an element of a keyed step must be.
 * @throws UserCodeError naming `step` when the element is not a KV (`need` says what the step is).
 * @internal
 */
export function kvOf(step: string, element: unknown, need: string): KV<unknown, unknown> {
  if (!isKV(element))
    throw new UserCodeError(
      step,
      element,
      new TypeError(`${need} KV input ({ key, value }); key it first with withKeys(...)`),
    );
  return element;
}

/**
 * The deterministic encoding of a keyed element's key.
 * @throws UserCodeError naming `step` (with the element) when the key cannot be encoded deterministically.
 * @internal
 */
export function keyIdOf(step: string, element: unknown, key: unknown): string {
  try {
    return structuralKey(key);
  } catch (e) {
    throw new UserCodeError(step, element, e);
  }
}

/**
 * True when data for `window` is too late to be kept: the window's max timestamp plus the allowed
 * lateness is behind the input watermark (its state has been, or is being, garbage-collected).
 * @internal
 */
export function isDroppable(window: BoundedWindow, allowedLateness: number, inputWatermark: number): boolean {
  return window.maxTimestamp() + allowedLateness < inputWatermark;
}
