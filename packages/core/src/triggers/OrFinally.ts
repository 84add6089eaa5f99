import type { Trigger, TriggerDescription } from "./Trigger";

/**
 * Fires whenever `main` fires, until `until` fires: then it fires a final pane and finishes.
 * @example
 * ```ts
 * orFinally(repeatedly(afterCount(10)), afterWatermark());
 * ```
 * @public
 */
export class OrFinally implements TriggerDescription {
  readonly kind = "orFinally";
  constructor(
    readonly main: Trigger,
    readonly until: Trigger,
  ) {}
  get subTriggers(): readonly Trigger[] {
    return [this.main, this.until];
  }
  mayFinish(): boolean {
    return true;
  }
  toString(): string {
    return `orFinally(${this.main.toString()}, ${this.until.toString()})`;
  }
}

/** `main`, until `until` fires. @public */
export function orFinally(main: Trigger, until: Trigger): OrFinally {
  return new OrFinally(main, until);
}
