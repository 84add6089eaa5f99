import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { duckDbBackend } from "@tributary/io-bigquery";
import { bigQueryOutputs } from "../outputs/bigQueryOutputs";
import { jsonLinesOutputs } from "../outputs/jsonLinesOutputs";
import { teeOutputs } from "../outputs/teeOutputs";
import { parseCliArgs } from "./parseCliArgs";
import { runExamples } from "./runExamples";

describe("parseCliArgs", () => {
  it("reads the run options and rejects bad values", () => {
    expect(parseCliArgs(["--", "--events", "1_000", "--pipeline", "fraud", "--seed", "3"])).toMatchObject({
      command: "run",
      events: 1000,
      seed: 3,
      pipelines: ["fraud"],
      out: "./out",
      sink: "duckdb",
      source: "synthetic",
      graph: undefined,
      progress: true,
    });
    const all = parseCliArgs(["--graph", "--no-progress", "--source", "pubsub", "--sink", "bigquery"]);
    expect(all).toMatchObject({
      pipelines: ["clickstream", "recommendations", "fraud"],
      graph: "mermaid",
      progress: false,
      alertsTopic: "tributary-fraud-alerts",
    });
    expect(parseCliArgs(["--graph-format", "dot"]).graph).toBe("dot");
    expect(() => parseCliArgs(["--pipeline", "nope"])).toThrow(/--pipeline must be one of/);
    expect(() => parseCliArgs(["--events", "0"])).toThrow(/--events must be an integer >= 1/);
    expect(() => parseCliArgs(["--sink", "s3"])).toThrow(/--sink must be one of duckdb, bigquery, jsonl/);
    expect(() => parseCliArgs(["--bogus"])).toThrow();
  });

  it("reads the pubsub-to-bigquery options and names a missing one", () => {
    expect(
      parseCliArgs([
        "pubsub-to-bigquery",
        "--input-subscription",
        "in",
        "--output-table",
        "d.t",
        "--schema-file",
        "s.json",
        "--timestamp-attribute",
        "ts",
      ]),
    ).toMatchObject({
      command: "pubsub-to-bigquery",
      inputSubscription: "in",
      outputTable: "d.t",
      schemaFile: "s.json",
      timestampAttribute: "ts",
      deadLetterTable: undefined,
      sink: "bigquery",
    });
    expect(() => parseCliArgs(["pubsub-to-bigquery", "--output-table", "d.t"])).toThrow(
      /needs --input-subscription/,
    );
  });
});

describe("runExamples", () => {
  it("runs all three pipelines on the synthetic source and writes every table to DuckDB and JSON lines", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tributary-examples-"));
    const backend = duckDbBackend({ path: join(dir, "examples.duckdb") });
    const seen: number[] = [];
    const run = await runExamples({
      pipelines: ["clickstream", "recommendations", "fraud"],
      stream: { seed: 4, maxEvents: 5000 },
      outputs: teeOutputs(jsonLinesOutputs(dir), bigQueryOutputs({ backend, dataset: "ex" })),
      onProgress: (p) => seen.push(p.elements),
    });
    expect(run.result.state).toBe("DONE");
    expect(run.events).toBe(5000);
    expect(seen.at(-1)).toBe(5000);
    try {
      for (const table of run.tables.tables()) {
        const rows = run.tables.rows(table);
        const text = readFileSync(join(dir, `${table}.jsonl`), "utf8");
        const lines = text === "" ? [] : text.trimEnd().split("\n");
        expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(JSON.parse(JSON.stringify(rows)));
        if (rows.length === 0) continue;
        const [count] = await backend.query(`SELECT count(*) AS n FROM "ex"."${table}"`);
        expect(Number(count!["n"]), table).toBe(rows.length);
      }
      expect(run.tables.rows("clickstream_page_counts").length).toBeGreaterThan(0);
      // Column values survive the trip: views summed per page agree with the pipeline's rows.
      const byPage = new Map<string, number>();
      for (const r of run.tables.rows<{ page: string; views: number }>("clickstream_page_counts"))
        byPage.set(r.page, (byPage.get(r.page) ?? 0) + r.views);
      const summed = await backend.query(
        `SELECT page, sum(views) AS v FROM "ex"."clickstream_page_counts" GROUP BY page`,
      );
      expect(new Map(summed.map((r) => [r["page"] as string, Number(r["v"])]))).toEqual(byPage);
      const comment = await backend.query(
        `SELECT comment FROM duckdb_tables() WHERE schema_name = 'ex' AND table_name = 'clickstream_page_counts'`,
      );
      expect(String(comment[0]!["comment"])).toContain("timePartitioning=DAY(window_start); clustering=page");
    } finally {
      await backend.close();
    }
  });
});
