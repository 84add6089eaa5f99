import { structuralCoder } from "../coders";
import type { PCollection } from "../model/PCollection";
import { PTransform } from "../model/PTransform";
import type { KV } from "../values/KV";
import { groupedWindowing } from "./groupingValidation";

/**
 * Groups the values of a KV PCollection by key and window: one output per key, window and pane,
 * holding the values that pane covers. Keys compare structurally (equal fields → one key).
 * When panes fire is decided by the input's trigger.
 * @example
 * ```ts
 * const byUser = clicks.apply(withKeys((c: Click) => c.userId)).apply(groupByKey());
 * ```
 * @throws PipelineConstructionError for an unbounded global-window input with no trigger, or an unsafe trigger.
 * @public
 */
export class GroupByKey<K, V> extends PTransform<PCollection<KV<K, V>>, PCollection<KV<K, V[]>>> {
  constructor() {
    super("GroupByKey");
  }

  expand(input: PCollection<KV<K, V>>): PCollection<KV<K, V[]>> {
    const windowing = groupedWindowing(input);
    return input.pipeline
      .definePrimitive(
        { kind: "groupByKey" },
        { main: { windowing, isBounded: input.isBounded, coder: structuralCoder } },
      )
      .get("main") as PCollection<KV<K, V[]>>;
  }

  override toString(): string {
    return "groupByKey()";
  }
}

/** Groups by key and window. @see GroupByKey @public */
export function groupByKey<K, V>(): GroupByKey<K, V> {
  return new GroupByKey<K, V>();
}
