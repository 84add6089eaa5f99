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
 * The KV an element of a keyed step must be, with its key's deterministic encoding.
 * @throws UserCodeError naming `step` when the element is not a KV (`need` says what the step is)
 * or its key cannot be encoded deterministically.
 * @internal
 */
export function keyOf(
  step: string,
  element: unknown,
  need: string,
): { readonly kv: KV<unknown, unknown>; readonly keyId: string } {
  const kv = kvOf(step, element, need);
  try {
    return { kv, keyId: structuralKey(kv.key) };
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
