import type { Emitter } from "../Executor";
import type { ElementConsumer } from "./ElementConsumer";
import type { MainOutput } from "./MainOutput";
import { compile } from "./ownCopies";

/**
 * One step of a fused chain that {@link compileChains} can write into the chain's code: a
 * library `filter`, `map` or `withKeys` run directly (no DoFn context), a WindowInto, or a
 * stateless DoFn (`parDo`: its context set and `process` called from the chain's code; it outputs
 * through its context, so the chain ends at it and its output heads a chain of its own).
 * @internal
 */
export interface ChainStep {
  readonly kind: "filter" | "map" | "withKeys" | "windowInto" | "parDo";
  /** The function (`filter`, `map`, `withKeys`), the WindowFn (`windowInto`) or the DoFn (`parDo`). */
  readonly fn: unknown;
  /**
   * The step's executor: the compiled code calls what the step's own element path calls on it —
   * `inBundle` and `startBundleIfNeeded` (a ParDo's bundle), `failure(value, error)` (the
   * UserCodeError that names the step); for a `parDo`, the context's `timestamp`, `pane`,
   * `window` and `windows`, `windowBlind`, and `processInWindows` for an element in several windows.
   */
  readonly executor: unknown;
  /** Where the step sends its elements. */
  readonly output: MainOutput;
}

let chains = 0;

/**
 * Writes the element path from each fused output into its steps as one function: the push of
 * an output that feeds a chain runs every step of the chain in turn and ends in the push of the
 * last step's output, as the steps' own element paths would, one call after another. An output
 * that several fused steps read (a {@link FanOut}) gets a push that runs each reader's chain in
 * turn, or calls a reader that is no chain step directly.
 *
 * Per-step copies (`ownCopies`) let V8 inline a chain, but only as far as its inlining budget
 * goes (four or five steps); a compiled chain is one function, however long, with the steps'
 * functions called from it directly. A FanOut's one call site sees all of its readers, so V8
 * inlines none of them; a compiled fan-out calls each from a site of its own. What each step does
 * is unchanged: its element count, its bundle start, the error that names it, the KV a
 * `withKeys` makes when the next step reads KVs, its key and value handed over apart when the
 * next step takes them so (`pushKeyed`).
 *
 * A chain runs while each step's output has one fused reader that is a {@link ChainStep}, and ends
 * at a general DoFn (`parDo`), whose output is then a head of its own. An output is compiled when
 * it has several fused readers (the end of a chain, or none), or when it is no step's output
 * inside a chain and feeds a chain of two steps or more, or a general DoFn (whose own element
 * path is several calls deep). Call it once the runner has wired every fused output, before any
 * element arrives. Where code cannot be compiled (see `ownCopies`), the
 * outputs keep their own push.
 * @returns the number of outputs given a compiled push.
 * @internal
 */
export function compileChains(outputs: readonly MainOutput[]): number {
  const inside = new Set<MainOutput>();
  for (const out of outputs) {
    for (const reader of out.fusedReaders) {
      const step = reader.chainStep?.();
      // A general DoFn's output is its own head: the DoFn calls it (ctx.output), the chain ends there.
      if (step && step.kind !== "parDo") inside.add(step.output);
    }
  }
  let compiled = 0;
  for (const head of outputs) {
    // A chain runs on through an output inside it with one reader; one with several ends it.
    if (inside.has(head) && head.fusedReaders.length === 1) continue;
    const branches: Branch[] = head.fusedReaders.map((reader) => ({ reader, steps: chainFrom(reader) }));
    // One reader through one step (or none) is already one call from the output: nothing to gain,
    // except for a general DoFn, whose own element path has several layers.
    if (branches.length === 0) continue;
    const steps = branches[0]!.steps;
    if (branches.length === 1 && steps.length < 2 && steps[0]?.kind !== "parDo") continue;
    const paths = compileBranches(head.emitter, branches);
    if (!paths) return compiled;
    for (const [name, value] of Object.entries(paths))
      Object.defineProperty(head, name, { value, writable: true, configurable: true, enumerable: false });
    compiled++;
  }
  return compiled;
}

/** One fused reader of an output, and the chain of steps that starts at it (empty when it is no chain step). */
interface Branch {
  readonly reader: ElementConsumer;
  readonly steps: readonly ChainStep[];
}

/** The chain of steps starting at `reader`: empty when it is no chain step. */
function chainFrom(reader: ElementConsumer): ChainStep[] {
  const steps: ChainStep[] = [];
  for (let step = reader.chainStep?.(); step; step = step.output.soleConsumer?.chainStep?.()) {
    steps.push(step);
    if (step.kind === "parDo") break; // its DoFn outputs through its own output
  }
  return steps;
}

/** The constants a compiled function is made with: each value under a name of its own. */
class Constants {
  readonly names: string[] = [];
  readonly values: unknown[] = [];

  /** A new name for `value` (`prefix` and a number). */
  add(prefix: string, value: unknown): string {
    const name = `${prefix}${this.names.length}`;
    this.names.push(name);
    this.values.push(value);
    return name;
  }
}

/**
 * A step's source in a compiled push (`each`, for one element), and in `pushRange`: inside its
 * loop (`inLoop`) and once before it (`once`). Every element of a batch reaches the first step
 * of a branch, in the batch's windows and pane: so the first step's bundle start, and a DoFn's
 * context pane and windows, are set once per batch; for the other steps `once` is empty.
 */
interface StepCode {
  readonly each: string;
  readonly inLoop: string;
  readonly once: string;
}

/**
 * The source of one step, reading the element from `v` (and its windows from `w`); a step that
 * drops the element, or hands it on itself, leaves the block `label`. `count` counts the element
 * into the step's output (see COUNT), where the step itself does that (a last `withKeys`).
 */
function stepSource(
  step: ChainStep,
  c: Constants,
  label: string,
  last: boolean,
  first: boolean,
  count: string,
): StepCode {
  const x = c.add("x", step.executor);
  const f = c.add("f", step.fn);
  // A strict comparison: V8 does not type a boolean field, so `!x.inBundle` would compile to a
  // general truthiness test (about ten instructions to this one's two).
  const bundle = `if (${x}.inBundle !== true) ${x}.startBundleIfNeeded();`;
  const call = (result: string, expr: string): string =>
    `try { ${result} = ${expr}; } catch (e) { throw ${x}.failure(v, e); }`;
  /** The step's code after its bundle start, which a first step in `pushRange` makes once. */
  const afterBundle = (code: string): StepCode =>
    first
      ? { each: `${bundle} ${code}`, inLoop: code, once: bundle }
      : { each: `${bundle} ${code}`, inLoop: `${bundle} ${code}`, once: "" };
  switch (step.kind) {
    case "filter":
      return afterBundle(`let keep; ${call("keep", `${f}(v)`)} if (!keep) break ${label};`);
    case "map":
      return afterBundle(`let out; ${call("out", `${f}(v)`)} v = out;`);
    case "windowInto": {
      const code = `${call("w", `${f}.assignWindows(timestamp, v)`)}`;
      return { each: code, inLoop: code, once: "" };
    }
    case "parDo": {
      // What the step's processInWindows does for an element in one window (or a DoFn that never
      // reads its window): its context set, then `process`, which outputs through the context.
      // Several windows are left to processInWindows itself, keeping the chain's code small.
      // The pane and windows are stored only when they change, as processInWindows does.
      const oneWindow = (ws: string): string => `${ws}.length === 1 || ${x}.windowBlind`;
      const paneAndWindows = (ws: string): string =>
        `if (${x}.pane !== pane) ${x}.pane = pane; if (${x}.windows !== ${ws}) { ${x}.window = ${ws}[0]; ${x}.windows = ${ws}; }`;
      const invoke = `try { ${f}.process(v, ${x}); } catch (e) { throw ${x}.failure(v, e); }`;
      const code = (one: string, setContext: string): string =>
        `if (${one}) { ${x}.timestamp = timestamp; ${setContext} ${invoke} } ` +
        `else ${x}.processInWindows(v, timestamp, w, pane); break ${label};`;
      // An element in the windows and pane the context already has (its step stores an element's
      // windows only when it is processed in all of them at once) needs its timestamp alone; any
      // other goes through processInWindows, which sets what changed.
      const each =
        `${bundle} if (${x}.windows === w && ${x}.pane === pane) { ${x}.timestamp = timestamp; ${invoke} } ` +
        `else ${x}.processInWindows(v, timestamp, w, pane); break ${label};`;
      if (!first) return { each, inLoop: each, once: "" };
      // A batch's elements share its windows and pane: its first element's context is every one's,
      // and whether they are in one window is asked once.
      const one = `one_${x}`;
      return {
        each,
        inLoop: code(one, ""),
        once: `${bundle} const ${one} = ${oneWindow("windows")}; if (${one}) { ${paneAndWindows("windows")} }`,
      };
    }
    case "withKeys": {
      // The last step hands key and value over apart (its output's pushKeyed); within the chain
      // the next step reads a KV, as the step's own output would make.
      const key = `let key; ${call("key", `${f}(v)`)}`;
      if (!last) return afterBundle(`${key} v = { key, value: v };`);
      // A consumer that reads the timestamp from a field gets it so: the chain's timestamp is a
      // number read from a number array, and a call V8 does not inline would box it.
      const consumer = step.output.soleConsumer;
      if (consumer?.processKeyValueAt !== undefined) {
        const k = c.add("k", consumer);
        return afterBundle(
          `${key} ${count}; ${k}.elementTimestamp = timestamp; ` +
            `${k}.processKeyValueAt(key, v, w, pane); break ${label};`,
        );
      }
      return afterBundle(
        `${key} ${c.add("o", step.output)}.pushKeyed(key, v, timestamp, w, pane); break ${label};`,
      );
    }
  }
}

/** A branch's source in a compiled push and in `pushRange` (see {@link StepCode}). */
interface BranchCode {
  readonly each: string[];
  readonly inLoop: string[];
  readonly once: string[];
}

/** The source of one fused reader of the output: its chain of steps, or a call to the reader. */
function branchSource(branch: Branch, c: Constants, label: string): BranchCode {
  const { reader, steps } = branch;
  if (steps.length === 0) {
    const call = [`${c.add("r", reader)}.processElement(value, timestamp, windows, pane);`];
    return { each: call, inLoop: call, once: [] };
  }
  const head = [`${label}: {`, "  let v = value;", "  let w = windows;"];
  const each = [...head];
  const inLoop = [...head];
  const once: string[] = [];
  const both = (line: string): void => void (each.push(line), inLoop.push(line));
  // The counter of the elements that reached this point of the branch: every element of a batch
  // reaches its first step (BATCH), and only a filter drops one, so each output after a step that
  // is no filter counts what the output before it counted (see SAME).
  let reached: string | undefined = BATCH;
  steps.forEach((step, i) => {
    const last = i === steps.length - 1;
    if (step.kind === "filter") reached = undefined;
    // The chain counts the output of every step but the last, and of a last withKeys (its code
    // hands the element over itself); another last step's output counts in its own push.
    let count = "";
    if (!last || step.kind === "withKeys") {
      const emitter = c.add("e", step.output.emitter);
      count = reached === undefined ? `${COUNT}(${emitter})` : `${SAME}(${emitter},${reached})`;
      reached ??= emitter;
    }
    const code = stepSource(step, c, label, last, i === 0, count);
    both(`  // ${step.kind}`);
    each.push(`  { ${code.each} }`);
    inLoop.push(`  { ${code.inLoop} }`);
    if (code.once) once.push(code.once);
    // Each output inside the chain counts its elements, as its push would (see COUNT).
    if (!last) both(`  ${count};`);
  });
  const end = steps[steps.length - 1]!;
  if (end.kind !== "withKeys" && end.kind !== "parDo")
    both(`  ${c.add("o", end.output)}.push(v, timestamp, w, pane);`);
  both("}");
  return { each, inLoop, once };
}

/**
 * Where a branch's source counts an element into an output inside the chain: `push` counts it
 * there and then; `pushRange` adds one to a local and each output's local to its count once the
 * batch has run (a count in a register costs the loop no load and store per element).
 */
const COUNT = "$count";
/** A `COUNT(e3)` in a branch's source; group 1 is the output's emitter's name. */
const COUNTED = /\$count\((\w+)\)/g;
/**
 * Where an output inside the chain counts what another counter counted, the elements having
 * passed no filter since (`$same(e6,e3)`: as many reach the output of e6 as that of e3): `push`
 * counts it there and then, `pushRange` adds the other's local (or the batch's size) once the
 * batch has run, so the loop keeps one counter per filter, not one per output.
 */
const SAME = "$same";
/** A `SAME(e6,e3)` in a branch's source; group 1 is the output's emitter, group 2 the counter it copies. */
const SAME_AS = /\$same\((\w+),(\w+)\)/g;
/** The counter of a batch's elements, in SAME: every one reaches a branch's first step. */
const BATCH = "batch";

/** A compiled output's element paths: `push`, and `pushRange`, which runs the same code over a batch. */
interface CompiledPaths {
  readonly push: (...args: unknown[]) => void;
  readonly pushRange: (...args: unknown[]) => void;
}

/**
 * The element paths of the output `head` feeds into `branches`, or undefined when code cannot
 * be compiled. `pushRange` loops over a source's batch with the branches written into the loop,
 * and counts the batch once, before it runs, and the outputs inside the chain once, after it: an
 * element that fails fails the run, and a failed run reports no counts. (Counting up to the
 * failing element in a `finally` cost Q0 8%.)
 */
function compileBranches(head: Emitter, branches: readonly Branch[]): CompiledPaths | undefined {
  const c = new Constants();
  const e = c.add("e", head);
  const code = branches.map((branch, b) => branchSource(branch, c, `branch${b}`));
  const pushBody = code
    .flatMap((b) => b.each)
    .join("\n  ")
    .replace(COUNTED, "$1.count++")
    .replace(SAME_AS, "$1.count++");
  const loopBody = code.flatMap((b) => b.inLoop).join("\n    ");
  const counted = [...new Set(Array.from(loopBody.matchAll(COUNTED), (m) => m[1]!))];
  const copies = Array.from(loopBody.matchAll(SAME_AS), (m) => ({ name: m[1]!, of: m[2]! }));
  const rangeBody = loopBody.replace(COUNTED, "n_$1++").replace(SAME_AS, "");
  const once = code.flatMap((b) => b.once);
  const source =
    `"use strict";\n` +
    `function push(value, timestamp, windows, pane) {\n  ${e}.count++;\n  ${pushBody}\n}\n` +
    `function pushRange(values, timestamps, start, end, windows, pane) {\n` +
    `  if (end <= start) return;\n` +
    `  ${e}.count += end - start;\n` +
    once.map((line) => `  ${line}\n`).join("") +
    counted.map((name) => `  let n_${name} = 0;\n`).join("") +
    `  for (let i = start; i < end; i++) {\n` +
    `    const value = values[i];\n` +
    `    const timestamp = timestamps[i];\n` +
    `    ${rangeBody}\n` +
    `  }\n` +
    counted.map((name) => `  ${name}.count += n_${name};\n`).join("") +
    copies
      .map(({ name, of }) => `  ${name}.count += ${of === BATCH ? "end - start" : `n_${of}`};\n`)
      .join("") +
    `}\n` +
    `return { push, pushRange };\n` +
    `// chain ${++chains}`;
  const make = compile(source, c.names);
  return make?.(...c.values) as CompiledPaths | undefined;
}
