import { describe, expect, it } from "vitest";
import { combiners, create, kv, Pipeline, renderGraph } from "@tributary/core";

describe("renderGraph", () => {
  it("renders steps and PCollections with element counts, as Mermaid and as DOT", async () => {
    const p = Pipeline.create();
    const counts = p
      .apply("Read", create(["a b", "b"]))
      .flatMap((l) => l.split(" "), "Split")
      .map((w) => kv(w, 1), "Pair")
      .combinePerKey(combiners.sum(), "Count");
    const result = await p.run({ collect: [counts] });
    expect(result.elementCount(counts)).toBe(2);
    const mermaid = renderGraph(p, { counts: result.elementCounts });
    expect(mermaid.split("\n")[0]).toBe("flowchart TD");
    expect(mermaid).toContain('s0 -->|"2 elements"| s1');
    expect(mermaid).toContain('s1 -->|"3 elements"| s2');
    expect(mermaid).toContain("Count<br/>combinePerKey(combiners.sum())");
    const dot = renderGraph(p, { format: "dot" });
    expect(dot).toMatch(/^digraph pipeline \{/);
    expect(dot).toContain("s2 -> s3;");
    expect(dot).toContain('label="Split\\nparDo(FlatMap)"');
  });
});
