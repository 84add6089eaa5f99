import type { Emitter } from "../Executor";
import type { MainOutput } from "./MainOutput";
import { compile } from "./ownCopies";

/**
 * One step of a fused chain that {@link compileChains} can write into the chain's code: a
 * library `filter`, `map` or `withKeys` run directly (no DoFn context), or a WindowInto.
 * @internal
 */
export interface ChainStep {
  readonly kind: "filter" | "map" | "withKeys" | "windowInto";
  /** The function (`filter`, `map`, `withKeys`) or the WindowFn (`windowInto`). */
  readonly fn: unknown;
  /**
   * The step's executor: the compiled code calls what the step's own element path calls on it —
   * `inBundle` and `startBundleIfNeeded` (a ParDo's bundle), `failure(value, error)` (the
   * UserCodeError that names the step).
   */
  readonly executor: unknown;
  /** Where the step sends its elements. */
  readonly output: MainOutput;
}

let chains = 0;

/**
 * Writes each chain of fused element-wise steps as one function: the push of the output that
 * feeds the chain's first step runs every step of the chain in turn and ends in the push of the
 * last step's output, as the steps' own element paths would, one call after another.
 *
 * Per-step copies (`ownCopies`) let V8 inline a chain, but only as far as its inlining budget
 * goes (four or five steps); a compiled chain is one function, however long, with the steps'
 * functions called from it directly. What each step does is unchanged: its element count, its
 * bundle start, the error that names it, the KV a `withKeys` makes when the next step reads KVs,
 * its key and value handed over apart when the next step takes them so (`pushKeyed`).
 *
 * A chain starts at an output whose one fused reader is a {@link ChainStep} and which is not
 * itself inside a longer chain; it runs while each step's output has one fused reader that is a
 * ChainStep. Call it once the runner has wired every fused output, before any element arrives.
 * Where code cannot be compiled (see `ownCopies`), the outputs keep their own push.
 * @returns the number of chains compiled.
 * @internal
 */
export function compileChains(outputs: readonly MainOutput[]): number {
  const inside = new Set<MainOutput>();
  for (const out of outputs) {
    const step = out.soleConsumer?.chainStep?.();
    if (step) inside.add(step.output);
  }
  let compiled = 0;
  for (const head of outputs) {
    if (inside.has(head)) continue;
    const steps: ChainStep[] = [];
    for (let out = head; ;) {
      const step = out.soleConsumer?.chainStep?.();
      if (!step) break;
      steps.push(step);
      out = step.output;
    }
    // One step is already one call from the output: nothing to gain.
    if (steps.length < 2) continue;
    const push = compileChain(head.emitter, steps);
    if (!push) return compiled;
    Object.defineProperty(head, "push", {
      value: push,
      writable: true,
      configurable: true,
      enumerable: false,
    });
    compiled++;
  }
  return compiled;
}

/**
 * The source of one step, reading the element from `v` (and its windows from `w`); `i` names
 * its constants. A step that drops the element returns.
 */
function stepSource(step: ChainStep, i: number, last: boolean): string {
  const bundle = `if (!x${i}.inBundle) x${i}.startBundleIfNeeded();`;
  const call = (result: string, expr: string): string =>
    `try { ${result} = ${expr}; } catch (e) { throw x${i}.failure(v, e); }`;
  switch (step.kind) {
    case "filter":
      return `${bundle} let keep${i}; ${call(`keep${i}`, `f${i}(v)`)} if (!keep${i}) return;`;
    case "map":
      return `${bundle} let out${i}; ${call(`out${i}`, `f${i}(v)`)} v = out${i};`;
    case "windowInto":
      return `${call("w", `f${i}.assignWindows(timestamp, v)`)}`;
    case "withKeys":
      // The last step hands key and value over apart (its output's pushKeyed); within the chain
      // the next step reads a KV, as the step's own output would make.
      return last
        ? `${bundle} let key${i}; ${call(`key${i}`, `f${i}(v)`)} out.pushKeyed(key${i}, v, timestamp, w, pane); return;`
        : `${bundle} let key${i}; ${call(`key${i}`, `f${i}(v)`)} v = { key: key${i}, value: v };`;
  }
}

/** The push of the output `head` feeds into `steps`, or undefined when code cannot be compiled. */
function compileChain(
  head: Emitter,
  steps: readonly ChainStep[],
): ((...args: unknown[]) => void) | undefined {
  const names: string[] = ["e"];
  const values: unknown[] = [head];
  const lines = ["e.count++;", "let v = value;", "let w = windows;"];
  steps.forEach((step, i) => {
    const last = i === steps.length - 1;
    names.push(`x${i}`, `f${i}`);
    values.push(step.executor, step.fn);
    lines.push(`// ${step.kind}`, stepSource(step, i, last));
    // Each output inside the chain counts its elements, as its push would.
    if (!last) {
      names.push(`e${i}`);
      values.push(step.output.emitter);
      lines.push(`e${i}.count++;`);
    }
  });
  names.push("out");
  values.push(steps[steps.length - 1]!.output);
  if (steps[steps.length - 1]!.kind !== "withKeys") lines.push("out.push(v, timestamp, w, pane);");
  const body =
    `"use strict";\nreturn function push(value, timestamp, windows, pane) {\n  ${lines.join("\n  ")}\n};\n` +
    `// chain ${++chains}`;
  const make = compile(body, names);
  return make?.(...values) as ((...args: unknown[]) => void) | undefined;
}
