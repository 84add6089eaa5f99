import type { KV, WindowedValue } from "@tributary/core";

/**
 * Test helpers: a canonical string for plain data written independently of the library's
 * structuralKey (so tests that compare grouping against it do not trust the code under test).
 */
export function canonical(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : Object.is(v, -0) ? "0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  throw new TypeError(`canonical: unsupported ${typeof v}`);
}

/** Sorts by canonical form: a multiset comparison by `toEqual`. */
export function sortCanonical<T>(xs: readonly T[]): T[] {
  return [...xs].sort((a, b) => (canonical(a) < canonical(b) ? -1 : canonical(a) > canonical(b) ? 1 : 0));
}

/** Sorts KVs by key, for results whose order is unspecified. */
export function byKey<K, V>(xs: readonly KV<K, V>[]): KV<K, V>[] {
  return [...xs].sort((a, b) =>
    canonical(a.key) < canonical(b.key) ? -1 : canonical(a.key) > canonical(b.key) ? 1 : 0,
  );
}

/** A windowed value as a comparable record: value, timestamp, window ids and pane. */
export function describeWindowed<T>(wv: WindowedValue<T>): string {
  return canonical({
    value: wv.value as unknown,
    timestamp: wv.timestamp,
    windows: wv.windows.map((w) => w.id),
    pane: { ...wv.pane },
  });
}
