import type { PCollection } from "../model/PCollection";
import { PTransform } from "../model/PTransform";
import type { Duration } from "../time/Duration";
import type { Trigger } from "../triggers/Trigger";
import type { BoundedWindow } from "../windowing/BoundedWindow";
import type { AccumulationMode, FiringBehavior, TimestampCombiner } from "../windowing/TimestampCombiner";
import type { WindowFn } from "../windowing/WindowFn";
import type { WindowingStrategyFields } from "../windowing/WindowingStrategy";

/**
 * The windowing choices besides the WindowFn. Unset fields keep the input's values (as in Beam).
 * Setting `trigger` requires setting `accumulation` too.
 * @public
 */
export interface WindowIntoOptions {
  readonly trigger?: Trigger;
  readonly accumulation?: AccumulationMode;
  readonly allowedLateness?: Duration;
  readonly timestampCombiner?: TimestampCombiner;
  readonly onTimeBehavior?: FiringBehavior;
  readonly closingBehavior?: FiringBehavior;
  /**
   * Accept a trigger that can finish before the window's garbage-collection time and so drop
   * data that is still within the allowed lateness (otherwise rejected at GroupByKey).
   */
  readonly allowDataLoss?: boolean;
}

/**
 * Re-windows a PCollection: assigns each element to windows of `windowFn` and sets the trigger,
 * accumulation mode, allowed lateness and timestamp combiner that grouping will use.
 * @example
 * ```ts
 * clicks.apply(windowInto(fixedWindows(minutes(1)), {
 *   trigger: afterWatermark().withEarlyFirings(afterProcessingTime(seconds(10))),
 *   accumulation: "ACCUMULATING",
 *   allowedLateness: minutes(5),
 * }));
 * ```
 * @throws PipelineConstructionError when `trigger` is set without `accumulation`.
 * @public
 */
export class WindowInto<T> extends PTransform<PCollection<T>, PCollection<T>> {
  constructor(
    readonly windowFn: WindowFn<BoundedWindow>,
    readonly options: WindowIntoOptions = {},
  ) {
    super("WindowInto");
  }

  expand(input: PCollection<T>): PCollection<T> {
    const o = this.options;
    if (o.trigger && !o.accumulation) {
      throw new Error(
        `setting trigger ${o.trigger.toString()} also requires choosing accumulation: "DISCARDING" or "ACCUMULATING"`,
      );
    }
    const changes: Partial<WindowingStrategyFields> = {
      windowFn: this.windowFn,
      ...(o.trigger && { trigger: o.trigger }),
      ...(o.accumulation && { accumulationMode: o.accumulation }),
      ...(o.allowedLateness !== undefined && { allowedLateness: o.allowedLateness }),
      ...(o.timestampCombiner && { timestampCombiner: o.timestampCombiner }),
      ...(o.onTimeBehavior && { onTimeBehavior: o.onTimeBehavior }),
      ...(o.closingBehavior && { closingBehavior: o.closingBehavior }),
      ...(o.allowDataLoss !== undefined && { allowDataLoss: o.allowDataLoss }),
    };
    const windowing = input.windowing.with(changes);
    return input.pipeline
      .definePrimitive(
        { kind: "windowInto", windowFn: this.windowFn },
        { main: { windowing, isBounded: input.isBounded, coder: input.coder } },
      )
      .get("main") as PCollection<T>;
  }

  override toString(): string {
    return `windowInto(${this.windowFn.toString()})`;
  }
}

/** Re-windows a PCollection. @see WindowInto @public */
export function windowInto<T>(windowFn: WindowFn<BoundedWindow>, options?: WindowIntoOptions): WindowInto<T> {
  return new WindowInto<T>(windowFn, options);
}
