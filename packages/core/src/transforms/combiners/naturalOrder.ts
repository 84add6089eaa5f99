/**
 * The values that {@link naturalOrder} orders: numbers, bigints and strings.
 * @public
 */
export type NaturallyOrdered = number | bigint | string;

/**
 * The default comparator of the standard combiners: ascending order of numbers, bigints and
 * strings (by UTF-16 code units), made total for numbers the way Java's `Double.compare` is:
 * `-0` sorts before `0`, and `NaN` after every other number, so that `max`, `top` and friends give
 * the same answer whatever the order of their inputs.
 *
 * Mixing numbers with bigints compares them numerically (`1` and `1n` tie); mixing either with
 * strings is not a meaningful order.
 *
 * @example
 * ```ts
 * [3, NaN, -0, 0, -1].sort(naturalOrder); // [-1, -0, 0, 3, NaN]
 * ```
 * @public
 */
export function naturalOrder(a: NaturallyOrdered, b: NaturallyOrdered): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (typeof a !== "number" || typeof b !== "number") return 0;
  if (a === b) return a !== 0 ? 0 : signOfZero(a) - signOfZero(b);
  return (Number.isNaN(a) ? 1 : 0) - (Number.isNaN(b) ? 1 : 0);
}

/** -1 for `-0`, 0 for `0`. */
function signOfZero(zero: number): number {
  return Object.is(zero, -0) ? -1 : 0;
}
