/**
 * Per-step copies of the methods on a fused chain's element path.
 *
 * V8 keeps type feedback per function, not per object. When every step of a fused chain runs
 * the same `processElement`, `output` and `push`, each call site inside them sees the DoFns and
 * consumers of every step (polymorphic or megamorphic, so not inlined), and the chain is one
 * recursion (`push` → `processElement` → the DoFn → `output` → `push` …) that V8 does not
 * inline through. A step with its own copies has call sites that see that step alone: the next
 * step and the DoFn are known, and V8 inlines along the chain. Results are the same either way.
 *
 * A copy is compiled from the method's own source text, so it may refer to nothing but `this`,
 * its parameters, its locals and JavaScript's globals: a module-level name (an import, a
 * constant) is not in the copy's scope. Each method given to {@link ownCopies} says so in its
 * comment, and a test checks the source of each for free names.
 *
 * Where code cannot be compiled at run time (a Content-Security-Policy without `unsafe-eval`),
 * or a method's source is not a plain method, the object keeps the shared method.
 * @internal
 */

let copies = 0;
let evalAllowed: boolean | undefined;

/** Compiles `body` into a function of `params`: the one place that generates code. */
function compileAlways(body: string, params: readonly string[]): (...args: unknown[]) => unknown {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generating code is the point (see above and compileChains)
  return new Function(...params, body) as (...args: unknown[]) => unknown;
}

/** Whether code can be compiled here (not under a CSP that forbids it). */
function canCompile(): boolean {
  if (evalAllowed === undefined) {
    try {
      evalAllowed = compileAlways("return true", [])() === true;
    } catch {
      evalAllowed = false;
    }
  }
  return evalAllowed;
}

/**
 * `body` compiled into a function of `params`, or undefined where code cannot be compiled here
 * (a Content-Security-Policy without `unsafe-eval`). @internal
 */
export function compile(
  body: string,
  params: readonly string[] = [],
): ((...args: unknown[]) => unknown) | undefined {
  return canCompile() ? compileAlways(body, params) : undefined;
}

/**
 * The source of the method `name` as found on `target` (through its prototypes), or undefined
 * when it is not an ordinary method (a getter, native, bound, async or a generator).
 */
export function methodSource(target: object, name: string): string | undefined {
  const fn: unknown = (target as Record<string, unknown>)[name];
  if (typeof fn !== "function") return undefined;
  const src = Function.prototype.toString.call(fn);
  // An ordinary method's source starts with its name and its parameter list.
  if (!src.startsWith(`${name}(`) || src.includes("[native code]")) return undefined;
  return src;
}

/**
 * Gives `target` its own copy of each method in `names`, as own properties that shadow the
 * shared ones. Call it once, when the runner fuses the step, before any element arrives.
 */
export function ownCopies(target: object, names: readonly string[]): void {
  if (!canCompile()) return;
  for (const name of names) {
    if (Object.prototype.hasOwnProperty.call(target, name)) continue; // copied already
    const src = methodSource(target, name);
    if (src === undefined) continue;
    // A distinct source text per copy: V8 caches compiled code by source, and copies that shared
    // a cache entry would share their feedback too.
    const make = compileAlways(
      `"use strict";\nreturn ({ ${src} })[${JSON.stringify(name)}];\n// copy ${++copies}`,
      [],
    );
    Object.defineProperty(target, name, {
      value: make(),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}
