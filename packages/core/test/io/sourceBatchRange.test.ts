import { describe, expect, it } from "vitest";
import {
  batchLength,
  combiners,
  fixedWindows,
  flatten,
  MAX_TIMESTAMP,
  MIN_TIMESTAMP,
  Pipeline,
  read,
  Runner,
  type SourceBatch,
  type UnboundedReader,
  type UnboundedSource,
} from "@tributary/core";
import { runBounded } from "../support/run";

/**
 * How a reader hands out its batches: in a promise, as they are, or by turns — a promise, then the
 * batch itself, then a promise of an empty batch (nothing read, not at the end yet).
 */
type Returns = "promise" | "value" | "mixed";

/**
 * A reader over one buffer it refills before each batch: a batch is a range of the buffer (`start`,
 * `end`), and the buffer's earlier contents are overwritten by the next read.
 */
class BufferSource implements UnboundedSource<number, number> {
  constructor(
    private readonly input: readonly number[],
    private readonly ranged: boolean,
    private readonly returns: Returns = "promise",
  ) {}
  toString(): string {
    return "buffer";
  }
  open(): Promise<UnboundedReader<number, number>> {
    const buffer = new Array<number>(16).fill(-1);
    let position = 0;
    let reads = 0;
    const returns = this.returns;
    const reader: UnboundedReader<number, number> = {
      read: (max): SourceBatch<number> | Promise<SourceBatch<number>> => {
        const turn = reads++ % 3;
        const batch = read(max, returns === "mixed" && turn === 2);
        return returns === "value" || (returns === "mixed" && turn === 1) ? batch : Promise.resolve(batch);
      },
      watermark: () => (position >= this.input.length ? MAX_TIMESTAMP : (this.input[position - 1] ?? 0)),
      checkpointMark: () => position,
      close: () => Promise.resolve(),
    };
    const read = (max: number, empty: boolean): SourceBatch<number> => {
      const n = empty ? 0 : Math.min(max, 5, this.input.length - position);
      // The batch sits at offset 3 of the buffer; the rest is left over from earlier reads.
      for (let i = 0; i < n; i++) buffer[3 + i] = this.input[position + i]!;
      position += n;
      if (!this.ranged) {
        const values = buffer.slice(3, 3 + n);
        return { values, timestamps: values };
      }
      return { values: buffer, timestamps: buffer, start: 3, end: 3 + n };
    };
    return Promise.resolve(reader);
  }
}

describe("SourceBatch ranges", () => {
  it("batchLength counts the range, or the whole arrays without one", () => {
    expect(batchLength({ values: [1, 2, 3], timestamps: [1, 2, 3] })).toBe(3);
    expect(batchLength({ values: [1, 2, 3, 4], timestamps: [1, 2, 3, 4], start: 1, end: 3 })).toBe(2);
    expect(batchLength({ values: [1, 2, 3, 4], timestamps: [1, 2, 3, 4], start: 2 })).toBe(2);
  });

  it("a reader handing out ranges of a reused buffer gives the same elements, timestamps and windows as copies", async () => {
    const input = Array.from({ length: 23 }, (_, i) => i * 7);
    async function sums(ranged: boolean) {
      const p = Pipeline.create();
      const elements = p.apply("Read", read(new BufferSource(input, ranged)));
      const out = elements
        .windowInto(fixedWindows(30))
        .withKeys(() => "all")
        .combinePerKey(combiners.sum());
      const result = await runBounded(p, { bundleSize: 4, collect: [elements] });
      return {
        read: result.windowedValues(elements).map((wv) => [wv.value, wv.timestamp]),
        sums: result.windowedValues(out).map((wv) => `${wv.value.value} ${wv.windows[0]!.toString()}`),
      };
    }
    const ranged = await sums(true);
    expect(ranged).toEqual(await sums(false));
    expect(ranged.read).toEqual(input.map((x) => [x, x]));
    expect(ranged.sums.length).toBe(6);
  });

  it("a reader that returns its batches as they are, or by turns in promises, gives what one of promises gives", async () => {
    const input = Array.from({ length: 23 }, (_, i) => i * 7);
    const other = Array.from({ length: 17 }, (_, i) => i * 11 + 3);
    async function sums(returns: Returns) {
      const p = Pipeline.create();
      // Two sources, so that a step whose first source read nothing goes on to the next.
      const a = p.apply("ReadA", read(new BufferSource(input, true, returns)));
      const b = p.apply(
        "ReadB",
        read(new BufferSource(other, false, returns === "mixed" ? "value" : returns)),
      );
      const out = flatten([a, b], "Both")
        .windowInto(fixedWindows(30))
        .withKeys(() => "all")
        .combinePerKey(combiners.sum());
      const result = await runBounded(p, { bundleSize: 4, collect: [a, b] });
      return {
        read: [...result.values(a), ...result.values(b)],
        sums: result.windowedValues(out).map((wv) => `${wv.value.value} ${wv.windows[0]!.toString()}`),
      };
    }
    const promised = await sums("promise");
    expect(promised.read).toEqual([...input, ...other]);
    // Each source's elements come in timestamp order, behind its watermark: none is late.
    const expected = new Map<number, number>();
    for (const x of [...input, ...other]) expected.set(x - (x % 30), (expected.get(x - (x % 30)) ?? 0) + x);
    expect([...promised.sums].sort()).toEqual(
      [...expected].map(([start, sum]) => `${sum} [${start}, ${start + 30})`).sort(),
    );
    expect(await sums("value")).toEqual(promised);
    expect(await sums("mixed")).toEqual(promised);
  });

  it("a step whose first source reads nothing, in a promise, goes on to the next source", async () => {
    // Never anything to read yet, and its watermark stays where it is.
    const idle: UnboundedSource<number, number> = {
      toString: () => "idle",
      open: () =>
        Promise.resolve({
          read: () => Promise.resolve({ values: [], timestamps: [] }),
          watermark: () => MIN_TIMESTAMP,
          checkpointMark: () => 0,
          close: () => Promise.resolve(),
        }),
    };
    const p = Pipeline.create();
    p.apply("Idle", read(idle));
    const data = p.apply("Data", read(new BufferSource([1, 2, 3], false, "value")));
    const runner = new Runner(p, { bundleSize: 2, collect: [data] });
    expect(await runner.step()).toBe(true);
    expect(runner.drain(data).map((wv) => wv.value)).toEqual([1, 2]);
  });

  it("Runner.step() is a promise whatever the reader returns", async () => {
    const p = Pipeline.create();
    p.apply("Read", read(new BufferSource([1, 2, 3], false, "value")));
    const runner = new Runner(p, { bundleSize: 2 });
    const first = runner.step();
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toBe(true);
    await runner.runUntilIdle();
    expect(runner.isDone).toBe(true);
  });
});
