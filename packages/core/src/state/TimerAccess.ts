import type { Instant } from "../time/Instant";
import type { TimerSpec } from "./TimerSpec";

/**
 * One timer of the current key and window. Setting it again moves it; `clear` cancels it.
 * @public
 */
export interface Timer {
  /** Sets the timer to fire at `timestamp` (event time or processing time, per its spec). */
  set(timestamp: Instant): void;
  /** Sets the timer `delay` after now (processing time) or after the current element's timestamp (event time). */
  setRelative(delay: number): void;
  /** The timestamp outputs of the firing get; an event-time timer holds the output watermark there. */
  withOutputTimestamp(timestamp: Instant): Timer;
  clear(): void;
}

/**
 * Gives a stateful DoFn its declared timers for the current key and window.
 * @public
 */
export interface TimerAccess {
  /** The timer declared by `spec`; for a timer family, the member named `dynamicTag`. */
  access(spec: TimerSpec, dynamicTag?: string): Timer;
}
