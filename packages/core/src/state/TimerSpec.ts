/**
 * A timer a stateful DoFn declares: event time (fires when the input watermark passes it) or
 * processing time (fires when the clock reaches it). A timer family holds any number of timers
 * told apart by a dynamic tag.
 * @example
 * ```ts
 * const flush = eventTimer("flush");
 * const timeouts = timerFamily("timeouts", "PROCESSING_TIME");
 * ```
 * @public
 */
export interface TimerSpec {
  readonly kind: "timer" | "timerFamily";
  readonly id: string;
  readonly timeDomain: "EVENT_TIME" | "PROCESSING_TIME";
}

/** Declares an event-time timer. @public */
export function eventTimer(id: string): TimerSpec {
  return { kind: "timer", id, timeDomain: "EVENT_TIME" };
}
/** Declares a processing-time timer. @public */
export function processingTimer(id: string): TimerSpec {
  return { kind: "timer", id, timeDomain: "PROCESSING_TIME" };
}
/** Declares a family of timers addressed by a dynamic tag. @public */
export function timerFamily(id: string, timeDomain: "EVENT_TIME" | "PROCESSING_TIME"): TimerSpec {
  return { kind: "timerFamily", id, timeDomain };
}
