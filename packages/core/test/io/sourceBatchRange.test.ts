import { describe, expect, it } from "vitest";
import {
  batchLength,
  combiners,
  fixedWindows,
  MAX_TIMESTAMP,
  Pipeline,
  read,
  type SourceBatch,
  type UnboundedReader,
  type UnboundedSource,
} from "@tributary/core";
import { runBounded } from "../support/run";

/**
 * A reader over one buffer it refills before each batch: a batch is a range of the buffer (`start`,
 * `end`), and the buffer's earlier contents are overwritten by the next read.
 */
class BufferSource implements UnboundedSource<number, number> {
  constructor(
    private readonly input: readonly number[],
    private readonly ranged: boolean,
  ) {}
  toString(): string {
    return "buffer";
  }
  open(): Promise<UnboundedReader<number, number>> {
    const buffer = new Array<number>(16).fill(-1);
    let position = 0;
    const reader: UnboundedReader<number, number> = {
      read: (max): Promise<SourceBatch<number>> => {
        const n = Math.min(max, 5, this.input.length - position);
        // The batch sits at offset 3 of the buffer; the rest is left over from earlier reads.
        for (let i = 0; i < n; i++) buffer[3 + i] = this.input[position + i]!;
        position += n;
        if (!this.ranged) {
          const values = buffer.slice(3, 3 + n);
          return Promise.resolve({ values, timestamps: values });
        }
        return Promise.resolve({ values: buffer, timestamps: buffer, start: 3, end: 3 + n });
      },
      watermark: () => (position >= this.input.length ? MAX_TIMESTAMP : (this.input[position - 1] ?? 0)),
      checkpointMark: () => position,
      close: () => Promise.resolve(),
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
});
