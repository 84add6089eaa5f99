import type { TriggerDescription } from "./Trigger";

/**
 * The default trigger: fires once when the watermark passes the end of the window, then once
 * for every late element (within the allowed lateness). Never finishes. Equivalent to
 * `repeatedly(afterWatermark())`.
 * @public
 */
export class DefaultTrigger implements TriggerDescription {
  static readonly INSTANCE = new DefaultTrigger();
  readonly kind = "default";
  readonly subTriggers = [] as const;
  private constructor() {}
  mayFinish(): boolean {
    return false;
  }
  toString(): string {
    return "defaultTrigger()";
  }
}

/** The default trigger. @public */
export function defaultTrigger(): DefaultTrigger {
  return DefaultTrigger.INSTANCE;
}
