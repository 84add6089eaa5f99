import { structuralCoder } from "../coders";
import type { PCollection } from "../model/PCollection";
import { PTransform, type PBegin } from "../model/PTransform";
import type { Duration } from "../time/Duration";
import { MAX_TIMESTAMP, type Instant } from "../time/Instant";
import { WindowingStrategy } from "../windowing/WindowingStrategy";
import type { TestStreamEvent } from "./TestStreamEvent";

/**
 * A scripted unbounded source for tests: elements with timestamps, watermark advances and
 * processing-time advances, replayed in order, one event per runner step. Processing time is
 * virtual: only `advanceProcessingTime` moves it. Immutable: each call returns a new TestStream.
 * @example
 * ```ts
 * const events = TestStream.create<string>()
 *   .addElements({ value: "a", timestamp: 1_000 })
 *   .advanceWatermarkTo(60_000)
 *   .advanceProcessingTime(seconds(10))
 *   .advanceWatermarkToInfinity();
 * const input = p.apply(events);
 * ```
 * @public
 */
export class TestStream<T> extends PTransform<PBegin, PCollection<T>> {
  private constructor(readonly events: readonly TestStreamEvent<T>[]) {
    super("TestStream");
  }

  /** An empty script. */
  static create<T>(): TestStream<T> {
    return new TestStream<T>([]);
  }

  /** Adds one bundle of elements, each with its event timestamp. */
  addElements(...elements: Array<{ value: T; timestamp: Instant }>): TestStream<T> {
    return new TestStream([...this.events, { kind: "elements", elements }]);
  }

  /** Advances the watermark to `t`. @throws RangeError if `t` is not after the previous watermark event. */
  advanceWatermarkTo(t: Instant): TestStream<T> {
    const last = [...this.events].reverse().find((e) => e.kind === "watermark");
    if (last && last.kind === "watermark" && t <= last.to) {
      throw new RangeError(`the watermark must advance: ${t} is not after ${last.to}`);
    }
    return new TestStream([...this.events, { kind: "watermark", to: t }]);
  }

  /** Advances processing time by `d`. */
  advanceProcessingTime(d: Duration): TestStream<T> {
    if (!(d > 0)) throw new RangeError(`processing time must advance by a positive duration, got ${d}`);
    return new TestStream([...this.events, { kind: "processingTime", advanceBy: d }]);
  }

  /** Advances the watermark to the end of time: every window fires and expires. */
  advanceWatermarkToInfinity(): TestStream<T> {
    return this.advanceWatermarkTo(MAX_TIMESTAMP);
  }

  expand(input: PBegin): PCollection<T> {
    return input.pipeline
      .definePrimitive(
        { kind: "testStream", events: this.events },
        { main: { windowing: WindowingStrategy.GLOBAL_DEFAULT, isBounded: false, coder: structuralCoder } },
      )
      .get("main") as PCollection<T>;
  }

  override toString(): string {
    return `TestStream(${this.events.length} events)`;
  }
}
