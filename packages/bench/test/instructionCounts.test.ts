import { describe, expect, it } from "vitest";
import { countInstructions, parsePerfMap } from "../src/harness/instructionCounts";

describe("instruction counts from callgrind output", () => {
  const ranges = parsePerfMap(
    [
      "2000 100 JS:*addKeyed file.js:1:1",
      "1000 40 Builtin:RecordWriteSaveFP",
      "3000 10 Builtin:LoadIC",
      "",
    ].join("\n"),
  );

  it("reads a perf map sorted by start", () => {
    expect(ranges.map((r) => [r.start, r.size, r.name])).toEqual([
      [0x1000, 0x40, "Builtin:RecordWriteSaveFP"],
      [0x2000, 0x100, "JS:*addKeyed file.js:1:1"],
      [0x3000, 0x10, "Builtin:LoadIC"],
    ]);
  });

  it("counts every instruction, and apart those of named code other than the write barrier", () => {
    const out = [
      "fn=(1) v8::internal::Scavenger::Process()",
      "0x500 0 7", // the collector: no name in the map
      "fn=(2)",
      "0x2000 0 5", // addKeyed
      "+4 0 5",
      "calls=3 0x3000",
      "+2 0 99", // a call's inclusive cost, not this instruction's
      "+1 0 2", // addKeyed again, at 0x2007
      "0x1010 0 11", // the write barrier
      "0x3008 0 3", // LoadIC
      "0x3010 0 4", // just past LoadIC's range: unnamed
    ].join("\n");
    expect(countInstructions(out, ranges)).toEqual({
      total: 7 + 5 + 5 + 2 + 11 + 3 + 4,
      program: 5 + 5 + 2 + 3,
    });
  });
});
