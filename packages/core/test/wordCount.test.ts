import { describe, expect, it } from "vitest";
import { Pipeline, combiners, create, kv, type KV } from "@tributary/core";
import { assertThat } from "@tributary/core/testing";

describe("word count through the public API", () => {
  it("counts words", async () => {
    const p = Pipeline.create();
    const counts = p
      .apply(create(["the cat", "the dog", "a cat"]))
      .flatMap((line) => line.split(" "), "Split")
      .map((w) => kv(w, 1), "PairWithOne")
      .combinePerKey(combiners.sum(), "Count");
    assertThat(counts).containsInAnyOrder(kv("the", 2), kv("cat", 2), kv("dog", 1), kv("a", 1));
    const result = await p.run({ collect: [counts] });
    const sorted = [...result.values(counts)].sort((a: KV<string, number>, b) => a.key.localeCompare(b.key));
    expect(sorted).toEqual([kv("a", 1), kv("cat", 2), kv("dog", 1), kv("the", 2)]);
  });

  it("fails the run with a readable diff when an assertion does not hold", async () => {
    const p = Pipeline.create();
    assertThat(p.apply(create([1, 2]))).containsInAnyOrder(1, 3);
    await expect(p.run()).rejects.toThrow(/missing: {4}3[\s\S]*unexpected: 2/);
  });
});
