import { structuralKey } from "../coders/structuralKey";
import type { PCollection } from "../model/PCollection";
import { ParDo } from "../transforms/ParDo";
import type { PaneInfo } from "../values/PaneInfo";
import type { BoundedWindow } from "../windowing/BoundedWindow";

interface Captured {
  readonly value: unknown;
  readonly timestamp: number;
  readonly window: BoundedWindow;
  readonly pane: PaneInfo;
}

/** Thrown by a failed pipeline assertion, with a readable diff. @public */
export class PipelineAssertionError extends Error {
  override readonly name = "PipelineAssertionError";
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? `${x}n` : x)) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Lines of the multiset difference, for failure messages. */
function diff(actual: readonly unknown[], expected: readonly unknown[]): string {
  const count = new Map<string, { v: unknown; n: number }>();
  for (const e of expected) {
    const k = structuralKey(e);
    const c = count.get(k);
    if (c) c.n++;
    else count.set(k, { v: e, n: 1 });
  }
  const unexpected: unknown[] = [];
  for (const a of actual) {
    const c = count.get(structuralKey(a));
    if (c && c.n > 0) c.n--;
    else unexpected.push(a);
  }
  const missing: unknown[] = [];
  for (const { v, n } of count.values()) for (let i = 0; i < n; i++) missing.push(v);
  if (missing.length === 0 && unexpected.length === 0) return "";
  return [
    ...missing.map((m) => `  - missing:    ${show(m)}`),
    ...unexpected.map((u) => `  + unexpected: ${show(u)}`),
  ].join("\n");
}

/**
 * Assertions on the contents of a PCollection, checked when the pipeline has run (Beam's PAssert).
 * Scope them to a window or a pane with `inWindow`, `inOnTimePane`, `inFinalPane`, `inEarlyPane`,
 * `inLatePane`; a failed assertion makes `run()` reject with a diff of missing and unexpected values.
 * @public
 */
export class PAssert<T> {
  /** @internal */
  constructor(
    private readonly captured: () => readonly Captured[],
    private readonly description: string,
    private readonly register: (check: () => void) => void,
  ) {}

  private scoped(what: string, keep: (c: Captured) => boolean): PAssert<T> {
    return new PAssert<T>(() => this.captured().filter(keep), `${this.description} ${what}`, this.register);
  }

  /** Only the elements in `window` (any pane). */
  inWindow(window: BoundedWindow): PAssert<T> {
    return this.scoped(`in window ${window.toString()}`, (c) => c.window.id === window.id);
  }

  /** Only the elements of the ON_TIME pane of `window`. */
  inOnTimePane(window: BoundedWindow): PAssert<T> {
    return this.scoped(
      `in the on-time pane of ${window.toString()}`,
      (c) => c.window.id === window.id && c.pane.timing === "ON_TIME",
    );
  }

  /** Only the elements of the final pane of `window`. */
  inFinalPane(window: BoundedWindow): PAssert<T> {
    return this.scoped(
      `in the final pane of ${window.toString()}`,
      (c) => c.window.id === window.id && c.pane.isLast,
    );
  }

  /** Only the elements of EARLY panes of `window`. */
  inEarlyPane(window: BoundedWindow): PAssert<T> {
    return this.scoped(
      `in early panes of ${window.toString()}`,
      (c) => c.window.id === window.id && c.pane.timing === "EARLY",
    );
  }

  /** Only the elements of LATE panes of `window`. */
  inLatePane(window: BoundedWindow): PAssert<T> {
    return this.scoped(
      `in late panes of ${window.toString()}`,
      (c) => c.window.id === window.id && c.pane.timing === "LATE",
    );
  }

  /** The elements are exactly `expected`, in any order (duplicates count). */
  containsInAnyOrder(...expected: T[]): this {
    this.register(() => {
      const d = diff(
        this.captured().map((c) => c.value),
        expected,
      );
      if (d)
        throw new PipelineAssertionError(
          `${this.description} does not contain exactly the expected elements:\n${d}`,
        );
    });
    return this;
  }

  /** The collection is empty. */
  empty(): this {
    return this.containsInAnyOrder();
  }

  /** The elements, in output order, equal `expected` (compared structurally). */
  equals(expected: readonly T[]): this {
    this.register(() => {
      const actual = this.captured().map((c) => c.value);
      if (structuralKey(actual) !== structuralKey(expected)) {
        throw new PipelineAssertionError(
          `${this.description}: expected ${show(expected)} but got ${show(actual)}\n${diff(actual, expected)}`,
        );
      }
    });
    return this;
  }

  /** `check` holds for the array of elements; it should throw (e.g. with expect) when it does not. */
  satisfies(check: (values: T[]) => void | boolean): this {
    this.register(() => {
      const values = this.captured().map((c) => c.value as T);
      let ok: void | boolean;
      try {
        ok = check(values);
      } catch (e) {
        throw new PipelineAssertionError(
          `${this.description} failed satisfies(): ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      if (ok === false)
        throw new PipelineAssertionError(`${this.description} failed satisfies() on ${show(values)}`);
    });
    return this;
  }
}

/**
 * Starts an assertion on `pc`, checked after `pipeline.run()`.
 * @example
 * ```ts
 * assertThat(counts).containsInAnyOrder(kv("a", 2), kv("b", 1));
 * await p.run(); // rejects with a diff if the counts differ
 * ```
 * @public
 */
export function assertThat<T>(pc: PCollection<T>): PAssert<T> {
  const captured: Captured[] = [];
  pc.apply(
    new ParDo<T, never>({
      name: "AssertThat",
      // Each run checks its own output: setup runs once per run.
      setup() {
        captured.length = 0;
      },
      process(value, ctx) {
        captured.push({ value, timestamp: ctx.timestamp, window: ctx.window, pane: ctx.pane });
      },
    }),
  );
  return new PAssert<T>(
    () => captured,
    pc.name,
    (check) => pc.pipeline.afterRun(check),
  );
}
