import { MAX_TIMESTAMP, MIN_TIMESTAMP, type Instant } from "@tributary/core";

/**
 * The result of reading an event timestamp from a message attribute: the instant, or why the
 * attribute could not be read as one.
 * @public
 */
export type EventTimestampResult = { readonly timestamp: Instant } | { readonly error: string };

const EPOCH_MILLIS = /^-?\d{1,16}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.(\d+))?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Reads an event timestamp attribute: epoch milliseconds (`"1700000000123"`) or an RFC 3339
 * date-time (`"2023-11-14T22:13:20.123Z"`, `"2023-11-14T23:13:20+01:00"`; digits beyond
 * milliseconds are truncated). Returns `{ timestamp }` or `{ error }` with the reason, so that a
 * bad attribute on one message can be routed to a dead-letter output instead of throwing.
 * @param value the attribute's value, or undefined when the message lacks it.
 * @param attribute the attribute's name, for the error message.
 * @example
 * ```ts
 * parseEventTimestamp("2024-01-01T00:00:00Z", "ts"); // { timestamp: 1704067200000 }
 * parseEventTimestamp("yesterday", "ts"); // { error: 'attribute "ts" is not epoch ... ' }
 * ```
 * @public
 */
export function parseEventTimestamp(value: string | undefined, attribute: string): EventTimestampResult {
  if (value === undefined) return { error: `timestamp attribute ${JSON.stringify(attribute)} is missing` };
  let t = NaN;
  if (EPOCH_MILLIS.test(value)) {
    t = Number(value);
  } else {
    const m = RFC3339.exec(value);
    if (m) {
      // Date.parse accepts at most millisecond precision portably: truncate longer fractions.
      const fraction = m[1];
      const text =
        fraction !== undefined && fraction.length > 3
          ? value.replace(`.${fraction}`, `.${fraction.slice(0, 3)}`)
          : value;
      t = Date.parse(text);
    }
  }
  if (!Number.isFinite(t)) {
    return {
      error:
        `timestamp attribute ${JSON.stringify(attribute)} is ${JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}...` : value)}, ` +
        'which is neither epoch milliseconds nor an RFC 3339 date-time; publish e.g. "1704067200000" or "2024-01-01T00:00:00Z"',
    };
  }
  if (t <= MIN_TIMESTAMP || t >= MAX_TIMESTAMP) {
    return {
      error: `timestamp attribute ${JSON.stringify(attribute)} is ${value}, outside the representable range of event times`,
    };
  }
  return { timestamp: t };
}
