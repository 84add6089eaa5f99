/**
 * An event-time or processing-time instant: milliseconds since the Unix epoch.
 *
 * Instants are plain numbers so that the hot path never allocates for them.
 * @public
 */
export type Instant = number;

/**
 * The smallest representable timestamp. Every valid element timestamp is `>= MIN_TIMESTAMP`.
 *
 * Beam uses the smallest 64-bit microsecond value; in milliseconds that is not a safe JavaScript
 * integer, so Tributary uses the smallest instant a JavaScript `Date` can hold.
 * @public
 */
export const MIN_TIMESTAMP: Instant = -8_640_000_000_000_000;

/**
 * The largest representable timestamp: a watermark at `MAX_TIMESTAMP` means "no more data".
 * @public
 */
export const MAX_TIMESTAMP: Instant = 8_640_000_000_000_000;

/**
 * The max timestamp of the global window: one day before {@link MAX_TIMESTAMP}, as in Beam, so
 * that timers set at the end of the global window can still fire before the final watermark.
 * @public
 */
export const END_OF_GLOBAL_WINDOW: Instant = MAX_TIMESTAMP - 86_400_000;

/**
 * Formats an instant for messages: ISO-8601 when it is a calendar date, otherwise the bounds' names.
 * @internal
 */
export function formatInstant(t: Instant): string {
  if (t <= MIN_TIMESTAMP) return "MIN_TIMESTAMP";
  if (t >= MAX_TIMESTAMP) return "MAX_TIMESTAMP";
  if (t === END_OF_GLOBAL_WINDOW) return "END_OF_GLOBAL_WINDOW";
  return String(t);
}
