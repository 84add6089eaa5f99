import type { Instant } from "../time/Instant";

/**
 * A window: a finite span of event time that elements are grouped in.
 *
 * `maxTimestamp()` is the largest timestamp an element of the window can have; the window is
 * complete once the watermark passes it. `id` is a string that identifies the window among the
 * windows of the same WindowFn, used as a map key by the runner.
 * @public
 */
export interface BoundedWindow {
  maxTimestamp(): Instant;
  readonly id: string;
  toString(): string;
}
