import type { TriggerDescription } from "./Trigger";

/**
 * Fires after every element (Beam Python's `Always`; in Java, `repeatedly(afterCount(1))`).
 * Never finishes.
 * @public
 */
export class Always implements TriggerDescription {
  static readonly INSTANCE = new Always();
  readonly kind = "always";
  readonly subTriggers = [] as const;
  private constructor() {}
  mayFinish(): boolean {
    return false;
  }
  toString(): string {
    return "always()";
  }
}

/** Fires after every element. @public */
export function always(): Always {
  return Always.INSTANCE;
}
