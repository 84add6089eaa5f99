/**
 * A length of time in milliseconds.
 * @public
 */
export type Duration = number;

/** `n` milliseconds. @public */
export const millis = (n: number): Duration => n;
/** `n` seconds in milliseconds. @public */
export const seconds = (n: number): Duration => n * 1000;
/** `n` minutes in milliseconds. @public */
export const minutes = (n: number): Duration => n * 60_000;
/** `n` hours in milliseconds. @public */
export const hours = (n: number): Duration => n * 3_600_000;
/** `n` days in milliseconds. @public */
export const days = (n: number): Duration => n * 86_400_000;

/**
 * Prints a duration as the shortest helper call that produces it, e.g. `minutes(5)`.
 * @internal
 */
export function formatDuration(d: Duration): string {
  const units: ReadonlyArray<readonly [string, number]> = [
    ["days", 86_400_000],
    ["hours", 3_600_000],
    ["minutes", 60_000],
    ["seconds", 1000],
  ];
  for (const [name, size] of units) {
    if (d !== 0 && d % size === 0) return `${name}(${d / size})`;
  }
  return `millis(${d})`;
}
