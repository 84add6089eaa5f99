import { structuralCoder } from "../coders";
import type { PCollection } from "../model/PCollection";
import { PTransform } from "../model/PTransform";
import type { TagType, TupleTag } from "../model/TupleTag";
import type { DeadLetter } from "./DeadLetter";
import type { DoFn } from "./DoFn";
import type { PCollectionView } from "./PCollectionView";

/** The outputs of a multi-output ParDo: `main` plus one PCollection per declared tag. @public */
export type ParDoOutputs<O, Tags extends Record<string, TupleTag<unknown>>> = {
  readonly main: PCollection<O>;
} & { readonly [K in keyof Tags]: PCollection<TagType<Tags[K]>> };

interface ParDoOptions {
  readonly sideInputs: readonly PCollectionView<unknown>[];
  readonly deadLetters: boolean;
  readonly maxRetries: number;
  readonly outputTags: Readonly<Record<string, TupleTag<unknown>>>;
}

const NO_OPTIONS: ParDoOptions = { sideInputs: [], deadLetters: false, maxRetries: 0, outputTags: {} };

function defineParDo<I>(
  input: PCollection<I>,
  fn: DoFn<I, unknown>,
  options: ParDoOptions,
): Map<string, PCollection<unknown>> {
  const out = { windowing: input.windowing, isBounded: input.isBounded, coder: structuralCoder };
  const outputs: Record<string, typeof out> = { main: out };
  for (const tag of Object.values(options.outputTags)) {
    if (tag.id === "main" || tag.id === "deadLetters")
      throw new Error(`output tag id ${JSON.stringify(tag.id)} is reserved; pick another`);
    if (outputs[tag.id]) throw new Error(`output tag id ${JSON.stringify(tag.id)} is declared twice`);
    outputs[tag.id] = out;
  }
  if (options.deadLetters) outputs["deadLetters"] = out;
  for (const view of options.sideInputs) {
    if (view.pcollection.pipeline !== input.pipeline)
      throw new Error(`side input ${view.toString()} belongs to another pipeline`);
  }
  return input.pipeline.definePrimitive(
    {
      kind: "parDo",
      fn: fn,
      sideInputs: options.sideInputs,
      deadLetters: options.deadLetters,
      maxRetries: options.maxRetries,
    },
    outputs,
  );
}

function describe(fn: DoFn<never, unknown>): string {
  return `parDo(${fn.name ?? (fn.constructor !== Object ? fn.constructor.name : "DoFn")})`;
}

/**
 * Applies a {@link DoFn} to every element: Beam's ParDo. Chain `withSideInputs`, `withOutputs`
 * and `withDeadLetters` to add side inputs, additional outputs and error routing.
 * @example
 * ```ts
 * const words = lines.apply("Split", parDo<string, string>({
 *   process(line, ctx) { for (const w of line.split(" ")) ctx.output(w); },
 * }));
 * ```
 * @public
 */
export class ParDo<I, O> extends PTransform<PCollection<I>, PCollection<O>> {
  constructor(
    readonly fn: DoFn<I, O>,
    private readonly options: ParDoOptions = NO_OPTIONS,
  ) {
    super(fn.name ?? "ParDo");
  }

  /** Declares the side inputs the DoFn reads with `ctx.sideInput(view)`. */
  withSideInputs(...views: PCollectionView<unknown>[]): ParDo<I, O> {
    return new ParDo(this.fn, { ...this.options, sideInputs: [...this.options.sideInputs, ...views] });
  }

  /** Declares additional outputs, written with `ctx.outputTo(tag, value)`. */
  withOutputs<Tags extends Record<string, TupleTag<unknown>>>(tags: Tags): ParDoWithOutputs<I, O, Tags> {
    return new ParDoWithOutputs(this.fn, { ...this.options, outputTags: tags });
  }

  /**
   * Routes elements whose processing throws (after `maxRetries` more tries) to a `deadLetters`
   * output of {@link DeadLetter}s instead of failing the pipeline.
   */
  withDeadLetters(
    options: { maxRetries?: number } = {},
  ): ParDoWithOutputs<I, O, { deadLetters: TupleTag<DeadLetter<I>> }> {
    return new ParDoWithOutputs(this.fn, {
      ...this.options,
      deadLetters: true,
      maxRetries: options.maxRetries ?? 0,
    });
  }

  expand(input: PCollection<I>): PCollection<O> {
    return defineParDo(input, this.fn, this.options).get("main") as PCollection<O>;
  }

  override toString(): string {
    return describe(this.fn);
  }
}

/**
 * A ParDo with additional outputs; applying it returns all of them by tag.
 * @public
 */
export class ParDoWithOutputs<I, O, Tags extends Record<string, TupleTag<unknown>>> extends PTransform<
  PCollection<I>,
  ParDoOutputs<O, Tags>
> {
  constructor(
    readonly fn: DoFn<I, O>,
    private readonly options: ParDoOptions,
  ) {
    super(fn.name ?? "ParDo");
  }

  withSideInputs(...views: PCollectionView<unknown>[]): ParDoWithOutputs<I, O, Tags> {
    return new ParDoWithOutputs(this.fn, {
      ...this.options,
      sideInputs: [...this.options.sideInputs, ...views],
    });
  }

  withDeadLetters(
    options: { maxRetries?: number } = {},
  ): ParDoWithOutputs<I, O, Tags & { deadLetters: TupleTag<DeadLetter<I>> }> {
    return new ParDoWithOutputs(this.fn, {
      ...this.options,
      deadLetters: true,
      maxRetries: options.maxRetries ?? 0,
    });
  }

  expand(input: PCollection<I>): ParDoOutputs<O, Tags> {
    const outputs = defineParDo(input, this.fn, this.options);
    const result: Record<string, PCollection<unknown>> = { main: outputs.get("main")! };
    for (const [name, tag] of Object.entries(this.options.outputTags)) result[name] = outputs.get(tag.id)!;
    if (this.options.deadLetters) result["deadLetters"] = outputs.get("deadLetters")!;
    return result as ParDoOutputs<O, Tags>;
  }

  override toString(): string {
    return describe(this.fn);
  }
}

/** Applies `fn` to every element. @see ParDo @public */
export function parDo<I, O>(fn: DoFn<I, O>): ParDo<I, O> {
  return new ParDo(fn);
}
