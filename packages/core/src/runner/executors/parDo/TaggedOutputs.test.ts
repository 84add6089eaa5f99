import { describe, expect, it } from "vitest";
import { TupleTag } from "../../../model/TupleTag";
import { NO_FIRING } from "../../../values/PaneInfo";
import type { WindowedValue } from "../../../values/WindowedValue";
import { GlobalWindow } from "../../../windowing/GlobalWindow";
import { Emitter, type Bundle } from "../../Executor";
import { TaggedOutputs } from "./TaggedOutputs";

const wv = (value: unknown): WindowedValue<unknown> => ({
  value,
  timestamp: 0,
  windows: [GlobalWindow.INSTANCE],
  pane: NO_FIRING,
});

describe("TaggedOutputs", () => {
  it("buffers by tag, rolls back to a mark and emits each non-empty buffer once", () => {
    const errors = new TupleTag<unknown>("errors");
    const audit = new TupleTag<unknown>("audit");
    const outputs = new TaggedOutputs(["main", "errors", "audit"]);
    const emitted: Array<[string, unknown[]]> = [];
    const emitters = new Map<string, Emitter>();
    for (const tag of ["errors", "audit"]) {
      const e = new Emitter();
      e.connect({ receive: (_i: number, b: Bundle) => void emitted.push([tag, b.map((x) => x.value)]) }, 0);
      emitters.set(tag, e);
    }
    outputs.push(errors, wv("e1"));
    const marks = [7]; // a caller's own mark comes first
    outputs.mark(marks);
    outputs.push(errors, wv("e2"));
    outputs.push(audit, wv("a1"));
    outputs.rollback(marks, 1);
    outputs.pushById("audit", wv("a2"));
    outputs.flush(emitters);
    expect(emitted).toEqual([
      ["errors", ["e1"]],
      ["audit", ["a2"]],
    ]);
    outputs.flush(emitters); // emptied: nothing more
    expect(emitted.length).toBe(2);
    expect(() => outputs.push(new TupleTag("main2"), wv(1))).toThrow(
      'output TupleTag("main2") is not declared; add it with parDo(fn).withOutputs({ ... })',
    );
  });
});
