import type { Trigger, TriggerDescription } from "./Trigger";

/**
 * Fires every time `trigger` fires, restarting it after each firing; never finishes.
 * @example
 * ```ts
 * repeatedly(afterProcessingTime(minutes(1)));
 * ```
 * @public
 */
export class Repeatedly implements TriggerDescription {
  readonly kind = "repeatedly";
  constructor(readonly trigger: Trigger) {}
  get subTriggers(): readonly Trigger[] {
    return [this.trigger];
  }
  mayFinish(): boolean {
    return false;
  }
  toString(): string {
    return `repeatedly(${this.trigger.toString()})`;
  }
}

/** Repeats `trigger` forever. @public */
export function repeatedly(trigger: Trigger): Repeatedly {
  return new Repeatedly(trigger);
}
