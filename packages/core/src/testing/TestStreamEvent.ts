import type { Duration } from "../time/Duration";
import type { Instant } from "../time/Instant";

/**
 * One scripted event of a {@link TestStream}: a bundle of timestamped elements, a watermark
 * advance, or a processing-time advance.
 * @public
 */
export type TestStreamEvent<T> =
  | {
      readonly kind: "elements";
      readonly elements: ReadonlyArray<{ readonly value: T; readonly timestamp: Instant }>;
    }
  | { readonly kind: "watermark"; readonly to: Instant }
  | { readonly kind: "processingTime"; readonly advanceBy: Duration };
