import type { Trigger, TriggerDescription } from "./Trigger";

/**
 * Fires once, when every sub-trigger has fired, then finishes.
 * @example
 * ```ts
 * afterAll(afterCount(10), afterProcessingTime(seconds(5)));
 * ```
 * @public
 */
export class AfterAll implements TriggerDescription {
  readonly kind = "afterAll";
  /** @throws RangeError when no sub-trigger is given. */
  constructor(readonly subTriggers: readonly Trigger[]) {
    if (subTriggers.length === 0) throw new RangeError("afterAll needs at least one sub-trigger");
  }
  mayFinish(): boolean {
    return this.subTriggers.every((t) => t.mayFinish());
  }
  toString(): string {
    return `afterAll(${this.subTriggers.map(String).join(", ")})`;
  }
}

/** Fires when all of the triggers have fired. @public */
export function afterAll(...triggers: Trigger[]): AfterAll {
  return new AfterAll(triggers);
}
