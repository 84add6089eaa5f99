import { structuralKey } from "../../coders/structuralKey";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import type { StateNamespace } from "./StateBackend";

/**
 * The namespace of one element (or firing timer) of a stateful DoFn. Its key's encoding is
 * built on first use: the in-memory backend files number keys as themselves and never asks for
 * it, so a number-keyed element builds no string. Keys of other types come with their encoding,
 * checked when the element arrives.
 * @internal
 */
export class KeyNamespace implements StateNamespace {
  /**
   * `encoded` is the key's encoding, when the element came with it. All three are parameter
   * properties: a field declared in the class body made V8 (Node 20) construct every namespace
   * through its generic construct stub instead of inlining the constructor into the step.
   */
  constructor(
    readonly key: unknown,
    readonly window: BoundedWindow,
    private encoded?: string,
  ) {}

  get keyId(): string {
    return (this.encoded ??= structuralKey(this.key));
  }
}
