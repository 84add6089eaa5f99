import type { PCollection } from "../model/PCollection";
import type { PTransform } from "../model/PTransform";
import { ParDo } from "./ParDo";

/**
 * Marks a redistribution point (Beam's Reshuffle). Elements, timestamps, windows and panes pass
 * through unchanged. The in-process runner keeps every element in one process, so today it only
 * names the boundary in the graph; when keyed stages are partitioned across worker threads,
 * this is where elements are redistributed.
 * @public
 */
export function reshuffle<T>(): PTransform<PCollection<T>, PCollection<T>> {
  return new ParDo<T, T>({ name: "Reshuffle", process: (e, ctx) => ctx.output(e) });
}
