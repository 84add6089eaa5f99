import type { Instant } from "../time/Instant";

/**
 * An element a step could not process, with why: what a dead-letter output carries.
 * @public
 */
export interface DeadLetter<T> {
  readonly element: T;
  readonly timestamp: Instant;
  /** The full name of the step that failed. */
  readonly step: string;
  /** The error's message (its name and message for Error objects). */
  readonly error: string;
  /** How many times processing was tried. */
  readonly attempts: number;
}
