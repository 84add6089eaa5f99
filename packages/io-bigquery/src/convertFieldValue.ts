import type { CanonicalValue } from "./CanonicalRow";
import type { StandardType } from "./StandardType";

/**
 * Why one value could not be converted; `path` is filled in by the caller.
 * @internal
 */
export class InvalidValueError extends Error {
  override readonly name = "InvalidValueError";
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INTEGER_TEXT = /^[+-]?\d{1,19}$/;
const NUMERIC_TEXT = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const BASE64_TEXT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_TEXT = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;
const DATETIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
const TIMESTAMP_TEXT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;
/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z, BigQuery's TIMESTAMP range, in µs. */
const MIN_MICROS = -62135596800000000n;
const MAX_MICROS = 253402300799999999n;
const MS_PER_DAY = 86_400_000;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return "a Date";
  if (value instanceof Uint8Array) return "bytes";
  const t = typeof value;
  if (t === "string") {
    const s = value as string;
    return `string ${JSON.stringify(s.length > 40 ? s.slice(0, 40) + "…" : s)}`;
  }
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return `${t} ${String(value)}`;
  return t === "object" ? "an object" : t;
}

function wrongType(expected: string, value: unknown): InvalidValueError {
  return new InvalidValueError(`expected ${expected}, got ${describe(value)}`);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Date.UTC maps years 0..99 to 1900..1999; this does not. */
function utcDayMs(y: number, m: number, d: number): number {
  return new Date(0).setUTCFullYear(y, m - 1, d);
}

function checkCalendarDate(y: number, m: number, d: number, text: string): number {
  const ms = utcDayMs(y, m, d);
  const back = new Date(ms);
  if (y < 1 || back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
    throw new InvalidValueError(`${JSON.stringify(text)} is not a valid date in 0001-01-01..9999-12-31`);
  }
  return ms;
}

function checkClock(h: number, mi: number, s: number, text: string): void {
  if (h > 23 || mi > 59 || s > 59)
    throw new InvalidValueError(`${JSON.stringify(text)} is not a valid time of day`);
}

function micros(fraction: string | undefined): bigint {
  return fraction === undefined ? 0n : BigInt(fraction.slice(0, 6).padEnd(6, "0"));
}

function checkTimestampRange(us: bigint, value: unknown): bigint {
  if (us < MIN_MICROS || us > MAX_MICROS) {
    throw new InvalidValueError(`${describe(value)} is outside TIMESTAMP's range 0001-01-01..9999-12-31`);
  }
  return us;
}

function toInt64(value: unknown): bigint {
  let n: bigint;
  if (typeof value === "bigint") n = value;
  else if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) {
      throw new InvalidValueError(
        Number.isInteger(value)
          ? `${String(value)} is beyond 2^53 and may have lost precision; pass INT64 values this large as bigint or a decimal string`
          : `expected an integer for INT64, got ${String(value)}`,
      );
    }
    return BigInt(value);
  } else if (typeof value === "string" && INTEGER_TEXT.test(value)) n = BigInt(value);
  else throw wrongType("INT64 (an integer number, bigint or decimal string)", value);
  if (n < INT64_MIN || n > INT64_MAX)
    throw new InvalidValueError(`${String(n)} is outside INT64's range [-2^63, 2^63-1]`);
  return n;
}

function toNumeric(value: unknown, intDigits: number, fracDigits: number, type: string): string {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new InvalidValueError(`${type} cannot hold ${String(value)}`);
    // Doubles are approximate: round to the type's scale instead of rejecting 0.1 + 0.2.
    text = value.toFixed(Math.min(fracDigits, 20));
  } else if (typeof value === "bigint") text = value.toString();
  else if (typeof value === "string") text = value.trim();
  else throw wrongType(`${type} (a number, bigint or decimal string)`, value);
  const m = NUMERIC_TEXT.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === ""))
    throw new InvalidValueError(`${JSON.stringify(text)} is not a decimal number`);
  let int = m[2] ?? "";
  let frac = m[3] ?? "";
  const exp = Number(m[4] ?? "0");
  if (exp > 0) {
    const moved = frac.slice(0, exp).padEnd(exp, "0");
    int += moved;
    frac = frac.slice(exp);
  } else if (exp < 0) {
    const k = -exp;
    const padded = int.padStart(k, "0");
    frac = padded.slice(padded.length - k) + frac;
    int = padded.slice(0, padded.length - k);
  }
  int = int.replace(/^0+/, "") || "0";
  frac = frac.replace(/0+$/, "");
  if (int.length > intDigits)
    throw new InvalidValueError(
      `${text} has more than ${intDigits} digits before the point, ${type}'s limit`,
    );
  if (frac.length > fracDigits) {
    throw new InvalidValueError(
      `${text} has more than ${fracDigits} digits after the point, ${type}'s scale; round it first`,
    );
  }
  const sign = m[1] === "-" && (int !== "0" || frac !== "") ? "-" : "";
  return sign + int + (frac === "" ? "" : "." + frac);
}

function toTimestamp(value: unknown): bigint {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new InvalidValueError("the Date is invalid (NaN)");
    return checkTimestampRange(BigInt(ms) * 1000n, value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new InvalidValueError(`TIMESTAMP cannot be ${String(value)}`);
    // Epoch milliseconds, Tributary's Instant; keep sub-millisecond digits to the microsecond.
    return checkTimestampRange(BigInt(Math.round(value * 1000)), value);
  }
  if (typeof value === "string") {
    const m = TIMESTAMP_TEXT.exec(value.trim());
    if (!m)
      throw new InvalidValueError(
        `${JSON.stringify(value)} is not an RFC 3339 timestamp such as 2024-05-01T12:00:00.000Z`,
      );
    const [y, mo, d, h = 0, mi = 0, s = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) =>
      x === undefined ? undefined : Number(x),
    );
    checkClock(h, mi, s, value);
    const dayMs = checkCalendarDate(y!, mo!, d!, value);
    let offsetMinutes = 0;
    const zone = m[8];
    if (zone !== undefined && !/^(z|utc)$/i.test(zone)) {
      const sign = zone.startsWith("-") ? -1 : 1;
      const digits = zone.slice(1).replace(":", "");
      offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    }
    const ms = dayMs + ((h * 60 + mi - offsetMinutes) * 60 + s) * 1000;
    return checkTimestampRange(BigInt(ms) * 1000n + micros(m[7]), value);
  }
  throw wrongType("TIMESTAMP (a Date, epoch milliseconds or an RFC 3339 string)", value);
}

function toDate(value: unknown): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InvalidValueError("the Date is invalid (NaN)");
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === "string") {
    const m = DATE_TEXT.exec(value);
    if (!m) throw new InvalidValueError(`${JSON.stringify(value)} is not a DATE in YYYY-MM-DD form`);
    checkCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]), value);
    return value;
  }
  throw wrongType("DATE (a YYYY-MM-DD string or a Date)", value);
}

function toTime(value: unknown): string {
  if (typeof value !== "string") throw wrongType("TIME (an HH:MM:SS[.ffffff] string)", value);
  const m = TIME_TEXT.exec(value);
  if (!m) throw new InvalidValueError(`${JSON.stringify(value)} is not a TIME in HH:MM:SS[.ffffff] form`);
  checkClock(Number(m[1]), Number(m[2]), Number(m[3]), value);
  return value;
}

function toDateTime(value: unknown): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InvalidValueError("the Date is invalid (NaN)");
    return value.toISOString().slice(0, 23).replace("T", " ");
  }
  if (typeof value !== "string")
    throw wrongType("DATETIME (a 'YYYY-MM-DD HH:MM:SS[.ffffff]' string or a Date)", value);
  const m = DATETIME_TEXT.exec(value);
  if (!m)
    throw new InvalidValueError(
      `${JSON.stringify(value)} is not a DATETIME in 'YYYY-MM-DD HH:MM:SS[.ffffff]' form`,
    );
  checkCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]), value);
  checkClock(Number(m[4]), Number(m[5]), Number(m[6]), value);
  const frac = m[7] === undefined ? "" : "." + m[7].slice(0, 6);
  return `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}${frac}`;
}

function toJsonText(value: unknown): string {
  if (typeof value === "string") {
    try {
      JSON.parse(value);
    } catch {
      throw new InvalidValueError(
        `${describe(value)} is not JSON text; pass an object to have it serialized`,
      );
    }
    return value;
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new InvalidValueError(`value cannot be serialized as JSON: ${(e as Error).message}`);
  }
  if (text === undefined) throw wrongType("a JSON-serializable value", value);
  return text;
}

function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === "string") {
    if (!BASE64_TEXT.test(value))
      throw new InvalidValueError(`${describe(value)} is not base64; pass a Uint8Array or base64 text`);
    return Buffer.from(value, "base64");
  }
  throw wrongType("BYTES (a Uint8Array or base64 string)", value);
}

function toText(value: unknown, type: string): string {
  if (typeof value !== "string") throw wrongType(type, value);
  if (LONE_SURROGATE.test(value))
    throw new InvalidValueError("the string has a lone UTF-16 surrogate and is not valid Unicode");
  return value;
}

/**
 * Converts one non-null scalar `value` to the {@link CanonicalValue} of `type` (RECORD is
 * handled by the row validator), or throws an {@link InvalidValueError} saying what was
 * expected.
 * @internal
 */
export function convertFieldValue(type: Exclude<StandardType, "RECORD">, value: unknown): CanonicalValue {
  switch (type) {
    case "STRING":
      return toText(value, "STRING (a string)");
    case "GEOGRAPHY":
      return toText(value, "GEOGRAPHY (WKT or GeoJSON text)");
    case "BYTES":
      return toBytes(value);
    case "INT64":
      return toInt64(value);
    case "FLOAT64":
      if (typeof value !== "number") throw wrongType("FLOAT64 (a number)", value);
      return value;
    case "NUMERIC":
      return toNumeric(value, 29, 9, "NUMERIC");
    case "BIGNUMERIC":
      return toNumeric(value, 38, 38, "BIGNUMERIC");
    case "BOOL":
      if (typeof value !== "boolean") throw wrongType("BOOL (true or false)", value);
      return value;
    case "TIMESTAMP":
      return toTimestamp(value);
    case "DATE":
      return toDate(value);
    case "TIME":
      return toTime(value);
    case "DATETIME":
      return toDateTime(value);
    case "JSON":
      return toJsonText(value);
  }
}

/**
 * Days since 1970-01-01 of a canonical DATE (`"YYYY-MM-DD"`).
 * @internal
 */
export function epochDays(date: string): number {
  return Math.round(
    utcDayMs(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))) / MS_PER_DAY,
  );
}

/**
 * Microseconds since midnight of a canonical TIME (`"HH:MM:SS[.ffffff]"`).
 * @internal
 */
export function timeOfDayMicros(time: string): bigint {
  const seconds = Number(time.slice(0, 2)) * 3600 + Number(time.slice(3, 5)) * 60 + Number(time.slice(6, 8));
  return BigInt(seconds) * 1_000_000n + micros(time.length > 9 ? time.slice(9) : undefined);
}

/**
 * RFC 3339 text (`2024-05-01T12:00:00.123456Z`) of a canonical TIMESTAMP in microseconds.
 * @internal
 */
export function formatTimestampMicros(us: bigint): string {
  const ms = us / 1000n - (us % 1000n < 0n ? 1n : 0n);
  const sub = Number(us - ms * 1000n);
  const iso = new Date(Number(ms)).toISOString(); // 2024-05-01T12:00:00.123Z
  return `${iso.slice(0, 23)}${pad(sub, 3)}Z`;
}
