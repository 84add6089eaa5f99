import type { PCollection } from "../model/PCollection";
import { PTransform } from "../model/PTransform";
import type { KV } from "../values/KV";
import { defineGrouping, type WithLateData } from "./groupingValidation";

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
    return defineGrouping(input, { kind: "groupByKey" }, false).get("main") as PCollection<KV<K, V[]>>;
  }

  /**
   * Also returns the elements dropped as too late (behind the watermark by more than the allowed
   * lateness), instead of only counting them: `{ grouped, lateData }`. Each late element keeps
   * its timestamp and the window it was late for.
   */
  withLateData(): PTransform<PCollection<KV<K, V>>, WithLateData<KV<K, V[]>, KV<K, V>>> {
    return new (class extends PTransform<PCollection<KV<K, V>>, WithLateData<KV<K, V[]>, KV<K, V>>> {
      expand(input: PCollection<KV<K, V>>): WithLateData<KV<K, V[]>, KV<K, V>> {
        const outputs = defineGrouping(input, { kind: "groupByKey" }, true);
        return {
          grouped: outputs.get("main") as PCollection<KV<K, V[]>>,
          lateData: outputs.get("lateData") as PCollection<KV<K, V>>,
        };
      }
      override toString(): string {
        return "groupByKey().withLateData()";
      }
    })("GroupByKey");
  }

  override toString(): string {
    return "groupByKey()";
  }
}

/** Groups by key and window. @see GroupByKey @public */
export function groupByKey<K, V>(): GroupByKey<K, V> {
  return new GroupByKey<K, V>();
}
