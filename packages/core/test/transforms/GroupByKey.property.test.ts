import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Pipeline, create, createTimestamped, fixedWindows, kv, sessions, type KV } from "@tributary/core";
import { keyArb, sortNumbers, timestampedKvsArb } from "../support/arbitraries";
import { canonical } from "../support/normalize";
import { runBounded } from "../support/run";

const WINDOW = 10;

/** The naive reference: a Map from (window start, canonical key) to the values, in input order. */
function referenceGroups(
  input: ReadonlyArray<{ value: KV<unknown, number>; timestamp: number }>,
): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const { value, timestamp } of input) {
    const start = timestamp - (timestamp % WINDOW);
    const id = `${start}|${canonical(value.key)}`;
    const list = groups.get(id) ?? [];
    list.push(value.value);
    groups.set(id, list);
  }
  return groups;
}

describe("groupByKey properties", () => {
  it("puts every equal key in exactly one group and loses or duplicates no value (global window)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(keyArb, fc.integer({ min: -50, max: 50 })).map(([k, v]) => kv(k, v)),
          { maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 41 }),
        async (kvs, bundleSize) => {
          const p = Pipeline.create();
          const grouped = p.apply(create(kvs)).groupByKey();
          const result = await runBounded(p, { bundleSize }, 1_000);
          const actual = new Map<string, number[]>();
          for (const g of result.values(grouped)) {
            const id = canonical(g.key);
            expect(actual.has(id), `key ${id} appears in two groups`).toBe(false);
            actual.set(id, sortNumbers(g.value));
          }
          const expected = new Map<string, number[]>();
          for (const { key, value } of kvs)
            expected.set(canonical(key), [...(expected.get(canonical(key)) ?? []), value]);
          for (const [id, vs] of expected) expected.set(id, sortNumbers(vs));
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("groups per key and window, each (key, window) exactly once, matching a naive reference", async () => {
    await fc.assert(
      fc.asyncProperty(timestampedKvsArb, fc.integer({ min: 1, max: 41 }), async (input, bundleSize) => {
        const p = Pipeline.create();
        const grouped = p.apply(createTimestamped(input)).windowInto(fixedWindows(WINDOW)).groupByKey();
        const result = await runBounded(p, { bundleSize }, 1_000);
        const actual = new Map<string, number[]>();
        for (const wv of result.windowedValues(grouped)) {
          expect(wv.windows).toHaveLength(1);
          const w = wv.windows[0]! as unknown as { start: number; end: number };
          expect(w.end - w.start).toBe(WINDOW);
          const id = `${w.start}|${canonical(wv.value.key)}`;
          expect(actual.has(id), `(window, key) ${id} appears in two groups`).toBe(false);
          actual.set(id, sortNumbers(wv.value.value));
          expect(wv.timestamp).toBe(w.end - 1);
          expect(wv.pane).toMatchObject({ isFirst: true, isLast: true, timing: "ON_TIME" });
        }
        const expected = new Map([...referenceGroups(input)].map(([id, vs]) => [id, sortNumbers(vs)]));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("with sessions: one group per key and merged session, matching a naive reference", async () => {
    const GAP = 7;
    await fc.assert(
      fc.asyncProperty(timestampedKvsArb, fc.integer({ min: 1, max: 41 }), async (input, bundleSize) => {
        const p = Pipeline.create();
        const grouped = p.apply(createTimestamped(input)).windowInto(sessions(GAP)).groupByKey();
        const result = await runBounded(p, { bundleSize }, 1_000);
        const actual: string[] = result
          .windowedValues(grouped)
          .map(
            (wv) =>
              `${wv.windows.map((w) => w.toString()).join()}|${canonical(wv.value.key)}|${sortNumbers(wv.value.value).join()}`,
          )
          .sort();
        // Reference: per key, sort by time and merge [t, t + GAP) intervals that overlap (touching ones do not).
        const byKey = new Map<string, Array<{ t: number; v: number }>>();
        for (const { value, timestamp } of input) {
          const id = canonical(value.key);
          byKey.set(id, [...(byKey.get(id) ?? []), { t: timestamp, v: value.value }]);
        }
        const expected: string[] = [];
        for (const [id, events] of byKey) {
          events.sort((a, b) => a.t - b.t);
          let start = events[0]!.t;
          let end = start + GAP;
          let values: number[] = [];
          for (const e of events) {
            if (e.t >= end) {
              expected.push(`[${start}, ${end})|${id}|${sortNumbers(values).join()}`);
              start = e.t;
              end = e.t + GAP;
              values = [];
            }
            end = Math.max(end, e.t + GAP);
            values.push(e.v);
          }
          expected.push(`[${start}, ${end})|${id}|${sortNumbers(values).join()}`);
        }
        expect(actual).toEqual(expected.sort());
      }),
      { numRuns: 200 },
    );
  });
});
