import { MIN_TIMESTAMP, systemClock, type Clock, type Duration, type Instant } from "@tributary/core";

/**
 * How a {@link WatermarkEstimator} estimates a source's watermark.
 * @public
 */
export interface WatermarkEstimatorOptions {
  /** How late (in event time) an element may arrive behind the estimate and still be on time. */
  readonly maxOutOfOrderness: Duration;
  /**
   * After this long with nothing buffered and nothing arriving, the source counts as idle and its
   * watermark follows the processing-time clock (`now - maxOutOfOrderness`).
   */
  readonly idleTimeout: Duration;
  /** Processing time (default the system clock). */
  readonly clock?: Clock;
}

/**
 * Estimates the watermark of a source whose backlog it cannot see (Pub/Sub): the event time
 * below which no more elements are expected, minus an out-of-orderness bound:
 *
 * - while elements wait to be processed: the oldest pending event time,
 * - while elements are arriving but none waits: the latest event time seen,
 * - when idle (nothing pending and nothing arrived for `idleTimeout`): processing time,
 *
 * each capped at processing time, minus `maxOutOfOrderness`. The result never decreases.
 * @example
 * ```ts
 * const wm = new WatermarkEstimator({ maxOutOfOrderness: seconds(5), idleTimeout: seconds(2) });
 * wm.observe(eventTime);
 * wm.estimate(oldestPendingEventTime); // never less than the previous estimate
 * ```
 * @public
 */
export class WatermarkEstimator {
  private readonly clock: Clock;
  private watermark: Instant = MIN_TIMESTAMP;
  private maxEventTime: Instant = MIN_TIMESTAMP;
  private lastArrival: Instant;

  /** @throws RangeError when a duration is negative or not a number. */
  constructor(private readonly options: WatermarkEstimatorOptions) {
    for (const key of ["maxOutOfOrderness", "idleTimeout"] as const) {
      const d = options[key];
      if (!(d >= 0)) throw new RangeError(`${key} must be a duration >= 0 in milliseconds, got ${String(d)}`);
    }
    this.clock = options.clock ?? systemClock;
    this.lastArrival = this.clock.now();
  }

  /** Records the arrival of an element with event time `eventTime`, now. */
  observe(eventTime: Instant): void {
    if (eventTime > this.maxEventTime) this.maxEventTime = eventTime;
    this.lastArrival = this.clock.now();
  }

  /**
   * The watermark now, given the oldest event time of the elements still pending (undefined when
   * none is). Never less than the previous result.
   */
  estimate(oldestPending: Instant | undefined): Instant {
    const now = this.clock.now();
    let candidate: Instant;
    if (oldestPending !== undefined) candidate = oldestPending;
    else if (now - this.lastArrival >= this.options.idleTimeout) candidate = now;
    else candidate = this.maxEventTime;
    candidate = Math.min(candidate, now) - this.options.maxOutOfOrderness;
    if (candidate > this.watermark) this.watermark = candidate;
    return this.watermark;
  }

  /** The last estimate. */
  get current(): Instant {
    return this.watermark;
  }

  toString(): string {
    return `WatermarkEstimator(maxOutOfOrderness=${this.options.maxOutOfOrderness}ms, idleTimeout=${this.options.idleTimeout}ms)`;
  }
}
