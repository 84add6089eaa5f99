import fc from "fast-check";
import { kv, type KV, type WindowedValue } from "@tributary/core";
import { canonical } from "./normalize";

/** A small domain of keys, so that keys repeat: numbers, strings, and objects built in either field order. */
export const keyArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 0, max: 3 }),
  fc.constantFrom("a", "b", "0"),
  fc
    .tuple(fc.integer({ min: 0, max: 1 }), fc.constantFrom("eu", "us"), fc.boolean())
    .map(([user, region, flip]) => (flip ? { user, region } : { region, user })),
);

export interface TimestampedKV {
  value: KV<unknown, number>;
  timestamp: number;
}

/** Keyed integer values with event timestamps in [0, 100). */
export const timestampedKvsArb: fc.Arbitrary<TimestampedKV[]> = fc.array(
  fc.record({
    value: fc.tuple(keyArb, fc.integer({ min: -50, max: 50 })).map(([k, v]) => kv(k, v)),
    timestamp: fc.integer({ min: 0, max: 99 }),
  }),
  { maxLength: 40 },
);

/** A bundle size from 1 to a little more than the input. */
export const bundleSizeArb = (n: number): fc.Arbitrary<number> =>
  fc.integer({ min: 1, max: Math.max(1, n + 1) });

/**
 * A keyed windowed output as a sortable string (key, value, timestamp, window, pane); `normalize`
 * makes order-insensitive values (grouped lists) comparable.
 */
export function describeKeyed<V>(
  wv: WindowedValue<KV<unknown, V>>,
  normalize: (v: V) => unknown = (v) => v,
): string {
  return canonical({
    key: wv.value.key,
    value: normalize(wv.value.value),
    timestamp: wv.timestamp,
    windows: wv.windows.map((w) => w.id),
    pane: { ...wv.pane },
  });
}

/** Sorted numbers (a multiset), for order-insensitive comparison of grouped values. */
export const sortNumbers = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);
