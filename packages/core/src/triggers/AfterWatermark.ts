import type { Trigger, TriggerDescription } from "./Trigger";

/**
 * Fires when the watermark passes the end of the window (the ON_TIME pane). With early firings,
 * `early` fires repeatedly before that (EARLY panes); with late firings, `late` fires repeatedly
 * after it for late data (LATE panes). Without late firings it finishes at the on-time pane.
 * @example
 * ```ts
 * afterWatermark().withEarlyFirings(afterProcessingTime(seconds(10))).withLateFirings(afterCount(1));
 * ```
 * @public
 */
export class AfterWatermark implements TriggerDescription {
  readonly kind = "afterWatermark";
  constructor(
    readonly early?: Trigger,
    readonly late?: Trigger,
  ) {}

  get subTriggers(): readonly Trigger[] {
    return [this.early, this.late].filter((t): t is Trigger => t !== undefined);
  }

  /** Also fire EARLY panes whenever `early` fires before the end of the window. */
  withEarlyFirings(early: Trigger): AfterWatermark {
    return new AfterWatermark(early, this.late);
  }

  /** Also fire LATE panes whenever `late` fires after the end of the window. */
  withLateFirings(late: Trigger): AfterWatermark {
    return new AfterWatermark(this.early, late);
  }

  mayFinish(): boolean {
    return this.late === undefined;
  }

  toString(): string {
    return (
      "afterWatermark()" +
      (this.early ? `.withEarlyFirings(${this.early.toString()})` : "") +
      (this.late ? `.withLateFirings(${this.late.toString()})` : "")
    );
  }
}

/** Fires when the watermark passes the end of the window. @see AfterWatermark @public */
export function afterWatermark(): AfterWatermark {
  return new AfterWatermark();
}
