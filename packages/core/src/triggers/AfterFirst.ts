import type { Trigger, TriggerDescription } from "./Trigger";

/**
 * Fires once, as soon as any sub-trigger fires, then finishes (Beam's AfterFirst / Python's AfterAny).
 * @example
 * ```ts
 * afterFirst(afterCount(100), afterProcessingTime(seconds(10)));
 * ```
 * @public
 */
export class AfterFirst implements TriggerDescription {
  readonly kind = "afterFirst";
  /** @throws RangeError when no sub-trigger is given. */
  constructor(readonly subTriggers: readonly Trigger[]) {
    if (subTriggers.length === 0) throw new RangeError("afterFirst needs at least one sub-trigger");
  }
  mayFinish(): boolean {
    return this.subTriggers.some((t) => t.mayFinish());
  }
  toString(): string {
    return `afterFirst(${this.subTriggers.map(String).join(", ")})`;
  }
}

/** Fires when the first of the triggers fires. @public */
export function afterFirst(...triggers: Trigger[]): AfterFirst {
  return new AfterFirst(triggers);
}
