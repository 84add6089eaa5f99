import { describe, expect, it } from "vitest";
import type { PCollection } from "@tributary/core";
import {
  PTransform,
  Pipeline,
  PipelineConstructionError,
  create,
  coGroupByKey,
  flatten,
  groupByKey,
  kv,
  map,
  ptransform,
  type KV,
} from "@tributary/core";
import { runBounded } from "../support/run";

function constructionError(build: () => unknown): PipelineConstructionError {
  try {
    build();
  } catch (e) {
    expect(e).toBeInstanceOf(PipelineConstructionError);
    return e as PipelineConstructionError;
  }
  throw new Error("expected a PipelineConstructionError");
}

describe("Pipeline: step names", () => {
  it("gives composites made with ptransform(name, fn) hierarchical names like Clicks/Parse", async () => {
    const parseClicks = ptransform("Clicks", (lines: PCollection<string>) =>
      lines.map((l) => JSON.parse(l) as { user: string }, "Parse").withKeys((c) => c.user, "KeyByUser"),
    );
    const p = Pipeline.create();
    const keyed = p.apply("Read", create(['{"user":"u1"}'])).apply(parseClicks);
    expect(p.nodes.map((n) => n.fullName).toArray()).toEqual([
      "Read",
      "Clicks",
      "Clicks/Parse",
      "Clicks/KeyByUser",
    ]);
    expect(p.primitives().map((n) => n.fullName)).toEqual(["Read", "Clicks/Parse", "Clicks/KeyByUser"]);
    expect(keyed.name).toBe("Clicks/KeyByUser");
    const composite = p.nodes.find((n) => n.fullName === "Clicks")!;
    expect(composite.spec).toBeUndefined();
    expect(p.nodes.find((n) => n.fullName === "Clicks/Parse")!.parent?.fullName).toBe("Clicks");
    const result = await runBounded(p);
    expect(result.values(keyed)).toEqual([kv("u1", { user: "u1" })]);
  });

  it("nests composites inside composites, and names an applied composite by the given name", () => {
    const inner = ptransform("Inner", (pc: PCollection<number>) => pc.map((x) => x + 1, "AddOne"));
    const outer = ptransform("Outer", (pc: PCollection<number>) => pc.apply(inner).apply("Again", inner));
    const p = Pipeline.create();
    p.apply(create([1])).apply("Pipeline1", outer);
    expect(p.primitives().map((n) => n.fullName)).toEqual([
      "Create",
      "Pipeline1/Inner/AddOne",
      "Pipeline1/Again/AddOne",
    ]);
  });

  it("composites written as PTransform subclasses are named the same way", () => {
    class CountWords extends PTransform<PCollection<string>, PCollection<KV<string, number[]>>> {
      constructor() {
        super("CountWords");
      }
      expand(lines: PCollection<string>): PCollection<KV<string, number[]>> {
        return lines
          .flatMap((l) => l.split(" "), "Split")
          .map((w) => kv(w, 1), "Pair")
          .apply("Group", groupByKey<string, number>());
      }
    }
    const p = Pipeline.create();
    const counts = p.apply(create(["a b"])).apply(new CountWords());
    expect(counts.name).toBe("CountWords/Group");
    expect(p.primitives().map((n) => n.fullName)).toEqual([
      "Create",
      "CountWords/Split",
      "CountWords/Pair",
      "CountWords/Group",
    ]);
  });

  it("gives auto-named duplicates unique names, in the pipeline and inside composites", () => {
    const twice = ptransform("Twice", (pc: PCollection<number>) => pc.map((x) => x * 2).map((x) => x * 2));
    const p = Pipeline.create();
    const input = p.apply(create([1]));
    input.map((x) => x);
    input.map((x) => x);
    input.map((x) => x);
    input.apply(twice);
    input.apply(twice);
    const names = p.nodes.map((n) => n.fullName).toArray();
    expect(names).toEqual([
      "Create",
      "Map",
      "Map2",
      "Map3",
      "Twice",
      "Twice/Map",
      "Twice/Map2",
      "Twice2",
      "Twice2/Map",
      "Twice2/Map2",
    ]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("an auto name skips a name the user already took", () => {
    const p = Pipeline.create();
    const input = p.apply(create([1]));
    input.map((x) => x, "Map2");
    input.map((x) => x);
    input.map((x) => x);
    const names = p.nodes.map((n) => n.fullName).toArray();
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("Map");
    expect(names).toContain("Map2");
  });

  it("rejects a duplicate explicit step name, naming the step and the fix", () => {
    const p = Pipeline.create();
    const input = p.apply(create([1]));
    input.map((x) => x, "Parse");
    const e = constructionError(() => input.map((x) => x, "Parse"));
    expect(e.step).toBe("Parse");
    expect(e.message).toMatch(/^Parse: .*already exists.*unique name/);
  });

  it("allows the same short name in different composites, but not twice in one", () => {
    const p = Pipeline.create();
    const input = p.apply(create([1]));
    input.apply(
      "A",
      ptransform("A", (pc: PCollection<number>) => pc.map((x) => x, "Parse")),
    );
    input.apply(
      "B",
      ptransform("B", (pc: PCollection<number>) => pc.map((x) => x, "Parse")),
    );
    expect(p.primitives().map((n) => n.fullName)).toEqual(["Create", "A/Parse", "B/Parse"]);
    const e = constructionError(() =>
      input.apply(
        "C",
        ptransform("C", (pc: PCollection<number>) => [pc.map((x) => x, "Parse"), pc.map((x) => x, "Parse")]),
      ),
    );
    expect(e.step).toBe("C/Parse");
  });

  it("rejects empty names and names containing '/'", () => {
    const p = Pipeline.create();
    const input = p.apply(create([1]));
    expect(constructionError(() => input.map((x) => x, "a/b")).message).toMatch(/must not contain "\/"/);
    expect(
      constructionError(() =>
        input.apply(
          "",
          map((x: number) => x),
        ),
      ).message,
    ).toMatch(/non-empty/);
  });
});

describe("Pipeline: validation", () => {
  it("rejects a PCollection used in another pipeline, naming the step and the fix", () => {
    const p1 = Pipeline.create();
    const p2 = Pipeline.create();
    const fromP1 = p1.apply("Orders", create([kv("u1", 1)]));
    const fromP2 = p2.apply("Clicks", create([kv("u1", "x")]));
    const e = constructionError(() => coGroupByKey({ clicks: fromP2, orders: fromP1 }, "Join"));
    expect(e.step).toBe("Join");
    expect(e.message).toMatch(
      /^Join: its input Orders belongs to another pipeline \(#\d+, this is #\d+\).*build each pipeline from its own sources/,
    );
    const f = constructionError(() => flatten([fromP2, fromP1 as unknown as typeof fromP2], "Both"));
    expect(f.message).toMatch(/^Both: .*Orders belongs to another pipeline/);
  });

  it("rejects a transform whose expand defines two primitives", () => {
    const p = Pipeline.create();
    const e = constructionError(() =>
      p.apply(
        "Broken",
        ptransform("Broken", (b: Pipeline) => {
          const c = create([1]);
          c.expand(b);
          return c.expand(b);
        }),
      ),
    );
    expect(e.message).toMatch(/^Broken: .*only one primitive/);
  });

  it("wraps any error thrown while expanding a composite with the composite's name", () => {
    const p = Pipeline.create();
    const input = p.apply(create([1]));
    const e = constructionError(() =>
      input.apply(
        "Explodes",
        ptransform("Explodes", () => {
          throw new Error("bad configuration");
        }),
      ),
    );
    expect(e.step).toBe("Explodes");
    expect(e.message).toBe("Explodes: bad configuration");
  });

  it("applies root transforms to the pipeline and records them in application order", () => {
    const p = Pipeline.create();
    const a = p.apply("A", create([1]));
    const b = p.apply(create([2]));
    expect(a.pipeline).toBe(p);
    expect(b.name).toBe("Create");
    expect(p.nodes.size).toBe(2);
    expect(p.primitives().map((n) => n.spec?.kind)).toEqual(["create", "create"]);
    expect(String(a)).toBe("PCollection(A)");
  });
});
