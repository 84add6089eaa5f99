import type { PCollection } from "../model/PCollection";
import { PTransform } from "../model/PTransform";
import { TupleTag } from "../model/TupleTag";
import { ParDo } from "./ParDo";

/**
 * Splits a PCollection into `n` by `partitionFn(element, n)`, which must return an integer in `[0, n)`.
 * @example
 * ```ts
 * const [small, large] = orders.apply(partition(2, (o: Order) => (o.total < 100 ? 0 : 1)));
 * ```
 * @throws Error (at run time, naming the step) when `partitionFn` returns an index outside `[0, n)`.
 * @public
 */
export function partition<T>(
  n: number,
  partitionFn: (element: T, n: number) => number,
): PTransform<PCollection<T>, PCollection<T>[]> {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`partition count must be a positive integer, got ${n}`);
  const tags = Array.from({ length: n }, (_, i) => new TupleTag<T>(`partition${i}`));
  return new (class extends PTransform<PCollection<T>, PCollection<T>[]> {
    expand(input: PCollection<T>): PCollection<T>[] {
      const named = Object.fromEntries(tags.map((t) => [t.id, t]));
      const out = input.apply(
        "Split",
        new ParDo<T, never>({
          name: "Partition",
          process(e, ctx) {
            const i = partitionFn(e, n);
            const tag = tags[i];
            if (!tag || !Number.isInteger(i))
              throw new RangeError(`partition function returned ${i}; it must be an integer in [0, ${n})`);
            ctx.outputTo(tag, e);
          },
        }).withOutputs(named),
      );
      return tags.map((t) => out[t.id] as PCollection<T>);
    }
    override toString(): string {
      return `partition(${n})`;
    }
  })("Partition");
}
