import { describe, expect, it } from "vitest";
import data from "./beam-trigger-transcripts.json";
import {
  isOrderAgnostic,
  ORDER_AGNOSTIC_VARIANTS,
  runTranscript,
  type TranscriptSpec,
} from "./transcriptHarness";

const specs = data.transcripts as unknown as TranscriptSpec[];
const names = new Map<string, number>();
const named = specs.map((spec) => {
  const n = (names.get(spec.name) ?? 0) + 1;
  names.set(spec.name, n);
  return { spec, name: n === 1 ? spec.name : `${spec.name}_${n}` };
});
const positive = named.filter(({ spec }) => spec.error === undefined);
const negative = named.filter(({ spec }) => spec.error !== undefined);

describe("Beam trigger transcripts", () => {
  it("has the expected number of transcripts", () => {
    expect(positive).toHaveLength(13);
    expect(negative).toHaveLength(5);
  });

  for (const aggregation of ["GroupByKey", "Combine"] as const) {
    describe(`through ${aggregation}`, () => {
      for (const { spec, name } of positive) {
        it(name, async () => {
          await runTranscript(spec, aggregation, ["original", "reversed"]);
        });
        if (isOrderAgnostic(spec)) {
          it(`${name} (order-agnostic: reversed, shuffled, 1- and 2-element bundles)`, async () => {
            for (const seed of [1, 2, 3])
              await runTranscript(spec, aggregation, ORDER_AGNOSTIC_VARIANTS, seed);
          });
        }
      }
      for (const { spec, name } of negative) {
        it(`rejects ${name} with "${spec.error}"`, async () => {
          await expect(runTranscript(spec, aggregation, ["original"])).rejects.toThrow(spec.error);
        });
      }
    });
  }
});
