import { formatDuration, type Duration } from "../time/Duration";
import { DefaultTrigger } from "../triggers/DefaultTrigger";
import type { Trigger } from "../triggers/Trigger";
import type { BoundedWindow } from "./BoundedWindow";
import { GlobalWindows } from "./GlobalWindows";
import type { AccumulationMode, FiringBehavior, TimestampCombiner } from "./TimestampCombiner";
import type { WindowFn } from "./WindowFn";

/**
 * Everything that decides how a PCollection is windowed and when its groups fire: the WindowFn,
 * trigger, accumulation mode, allowed lateness, timestamp combiner and firing behaviours.
 * Immutable; carried by every PCollection.
 * @public
 */
export class WindowingStrategy {
  /** The strategy of a PCollection that was never windowed: global window, default trigger. */
  static readonly GLOBAL_DEFAULT = new WindowingStrategy(GlobalWindows.INSTANCE);

  constructor(
    readonly windowFn: WindowFn<BoundedWindow>,
    readonly trigger: Trigger = DefaultTrigger.INSTANCE,
    readonly accumulationMode: AccumulationMode = "DISCARDING",
    readonly allowedLateness: Duration = 0,
    readonly timestampCombiner: TimestampCombiner = "END_OF_WINDOW",
    readonly onTimeBehavior: FiringBehavior = "FIRE_ALWAYS",
    readonly closingBehavior: FiringBehavior = "FIRE_IF_NON_EMPTY",
    /** Set when the user accepted a trigger that can finish before garbage collection and so drop data. */
    readonly allowDataLoss = false,
  ) {
    if (!(allowedLateness >= 0)) throw new RangeError(`allowedLateness must be >= 0, got ${allowedLateness}`);
    if (timestampCombiner === "EARLIEST_TRANSFORMED" && !windowFn.transformOutputTime) {
      throw new RangeError(
        `timestamp combiner EARLIEST_TRANSFORMED needs a WindowFn with transformOutputTime; ${windowFn.toString()} has none`,
      );
    }
  }

  /** A copy with the given fields replaced. */
  with(changes: Partial<WindowingStrategyFields>): WindowingStrategy {
    const f = { ...this.fields(), ...changes };
    return new WindowingStrategy(
      f.windowFn,
      f.trigger,
      f.accumulationMode,
      f.allowedLateness,
      f.timestampCombiner,
      f.onTimeBehavior,
      f.closingBehavior,
      f.allowDataLoss,
    );
  }

  /** True when the WindowFn merges windows (sessions). */
  get isMerging(): boolean {
    return this.windowFn.mergeWindows !== undefined;
  }

  /**
   * True when the trigger cannot close a window before its garbage-collection time, so no data
   * that arrives within the allowed lateness is lost (Beam's `GroupByKey` safety rule).
   */
  triggerIsSafe(): boolean {
    const t = this.trigger;
    if (!t.mayFinish()) return true;
    if (t.kind === "afterWatermark" && (this.allowedLateness === 0 || t.late !== undefined)) return true;
    return false;
  }

  private fields(): WindowingStrategyFields {
    return {
      windowFn: this.windowFn,
      trigger: this.trigger,
      accumulationMode: this.accumulationMode,
      allowedLateness: this.allowedLateness,
      timestampCombiner: this.timestampCombiner,
      onTimeBehavior: this.onTimeBehavior,
      closingBehavior: this.closingBehavior,
      allowDataLoss: this.allowDataLoss,
    };
  }

  toString(): string {
    const parts = [this.windowFn.toString()];
    if (this.trigger !== DefaultTrigger.INSTANCE) parts.push(`trigger: ${this.trigger.toString()}`);
    if (this.accumulationMode !== "DISCARDING") parts.push(`accumulation: "${this.accumulationMode}"`);
    if (this.allowedLateness) parts.push(`allowedLateness: ${formatDuration(this.allowedLateness)}`);
    if (this.timestampCombiner !== "END_OF_WINDOW")
      parts.push(`timestampCombiner: "${this.timestampCombiner}"`);
    return parts.length === 1 ? parts[0]! : `${parts[0]!} { ${parts.slice(1).join(", ")} }`;
  }
}

/** The fields of a {@link WindowingStrategy}. @public */
export interface WindowingStrategyFields {
  readonly windowFn: WindowFn<BoundedWindow>;
  readonly trigger: Trigger;
  readonly accumulationMode: AccumulationMode;
  readonly allowedLateness: Duration;
  readonly timestampCombiner: TimestampCombiner;
  readonly onTimeBehavior: FiringBehavior;
  readonly closingBehavior: FiringBehavior;
  readonly allowDataLoss: boolean;
}
