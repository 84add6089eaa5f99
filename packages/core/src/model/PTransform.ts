import type { Pipeline } from "./Pipeline";

/**
 * A step of a pipeline: takes an input (a PCollection, several, or the pipeline root) and
 * produces an output. Composite transforms implement `expand` by applying other transforms;
 * the runner executes only the primitive ones.
 * @example
 * ```ts
 * class CountWords extends PTransform<PCollection<string>, PCollection<KV<string, number>>> {
 *   constructor() { super("CountWords"); }
 *   expand(lines: PCollection<string>) {
 *     return lines.flatMap((l) => l.split(/\W+/)).apply(count.perElement());
 *   }
 * }
 * ```
 * @public
 */
export abstract class PTransform<I, O> {
  /** @param defaultName the step's name when the caller gives none. */
  constructor(readonly defaultName: string) {}

  /** Builds the step's part of the graph. Called once, when the transform is applied. */
  abstract expand(input: I): O;

  toString(): string {
    return this.defaultName;
  }
}

/**
 * Makes a composite transform from a function.
 * @example
 * ```ts
 * const parseClicks = ptransform("ParseClicks", (lines: PCollection<string>) => lines.map(JSON.parse));
 * ```
 * @public
 */
export function ptransform<I, O>(name: string, expand: (input: I) => O): PTransform<I, O> {
  return new (class extends PTransform<I, O> {
    expand(input: I): O {
      return expand(input);
    }
  })(name);
}

/**
 * The input of root transforms (Create, Read, TestStream): the pipeline itself.
 * @public
 */
export interface PBegin {
  readonly pipeline: Pipeline;
}
