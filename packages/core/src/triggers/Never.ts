import type { TriggerDescription } from "./Trigger";

/**
 * Never fires on its own: the window's only pane is the final one at garbage collection
 * (end of window plus allowed lateness).
 * @public
 */
export class Never implements TriggerDescription {
  static readonly INSTANCE = new Never();
  readonly kind = "never";
  readonly subTriggers = [] as const;
  private constructor() {}
  mayFinish(): boolean {
    return false;
  }
  toString(): string {
    return "never()";
  }
}

/** A trigger that never fires. @public */
export function never(): Never {
  return Never.INSTANCE;
}
