import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonLinesOutputs } from "../outputs/jsonLinesOutputs";
import { parseCliArgs } from "./parseCliArgs";
import { runExamples } from "./runExamples";

describe("parseCliArgs", () => {
  it("reads the options and rejects bad values", () => {
    expect(parseCliArgs(["--", "--events", "1_000", "--pipeline", "fraud", "--seed", "3"])).toMatchObject({
      events: 1000,
      seed: 3,
      pipelines: ["fraud"],
      out: "./out",
    });
    expect(parseCliArgs([]).pipelines).toEqual(["clickstream", "recommendations", "fraud"]);
    expect(() => parseCliArgs(["--pipeline", "nope"])).toThrow(/--pipeline must be one of/);
    expect(() => parseCliArgs(["--events", "0"])).toThrow(/--events must be an integer >= 1/);
    expect(() => parseCliArgs(["--bogus"])).toThrow();
  });
});

describe("runExamples", () => {
  it("runs all three pipelines on the synthetic source and writes every table as JSON lines", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tributary-examples-"));
    const run = await runExamples({
      pipelines: ["clickstream", "recommendations", "fraud"],
      stream: { seed: 4, maxEvents: 5000 },
      outputs: jsonLinesOutputs(dir),
    });
    expect(run.result.state).toBe("DONE");
    expect(run.source.emitted).toBe(5000);
    for (const table of run.tables.tables()) {
      const text = readFileSync(join(dir, `${table}.jsonl`), "utf8");
      const lines = text === "" ? [] : text.trimEnd().split("\n");
      expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(
        JSON.parse(JSON.stringify(run.tables.rows(table))),
      );
    }
    expect(run.tables.rows("clickstream_page_counts").length).toBeGreaterThan(0);
  });
});
