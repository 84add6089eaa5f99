import type { Trigger, TriggerDescription } from "./Trigger";

/**
 * Runs its sub-triggers one after another: fires when the current one fires, moving on when it
 * finishes; finishes when the last one finishes.
 * @example
 * ```ts
 * afterEach(afterCount(1), afterWatermark());
 * ```
 * @public
 */
export class AfterEach implements TriggerDescription {
  readonly kind = "afterEach";
  /** @throws RangeError when no sub-trigger is given. */
  constructor(readonly subTriggers: readonly Trigger[]) {
    if (subTriggers.length === 0) throw new RangeError("afterEach needs at least one sub-trigger");
  }
  mayFinish(): boolean {
    return this.subTriggers.every((t) => t.mayFinish());
  }
  toString(): string {
    return `afterEach(${this.subTriggers.map(String).join(", ")})`;
  }
}

/** Runs the triggers in sequence. @public */
export function afterEach(...triggers: Trigger[]): AfterEach {
  return new AfterEach(triggers);
}
