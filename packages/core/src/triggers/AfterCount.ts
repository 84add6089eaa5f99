import type { TriggerDescription } from "./Trigger";

/**
 * Fires once the pane has at least `count` elements, then finishes.
 * @example
 * ```ts
 * repeatedly(afterCount(100)); // a pane every 100 elements
 * ```
 * @public
 */
export class AfterCount implements TriggerDescription {
  readonly kind = "afterCount";
  readonly subTriggers = [] as const;

  /** @throws RangeError unless `count` is a positive integer. */
  constructor(readonly count: number) {
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`count must be a positive integer, got ${count}`);
  }

  mayFinish(): boolean {
    return true;
  }

  toString(): string {
    return `afterCount(${this.count})`;
  }
}

/** Fires after `count` elements. @public */
export function afterCount(count: number): AfterCount {
  return new AfterCount(count);
}
