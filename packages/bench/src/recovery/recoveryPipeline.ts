import { parDo, Pipeline, read, type PCollection } from "@tributary/core";
import { OffsetSource, type OffsetSourceListener } from "./OffsetSource";
import { recentEventsFn, type KeySummary, type StateChecks } from "./recentEventsFn";
import type { RecoveryWorkload } from "./RecoveryWorkload";

/** The recovery measurement's pipeline and its output. @public */
export interface RecoveryPipeline {
  readonly pipeline: Pipeline;
  /** One {@link KeySummary} per key, when the stream ends. */
  readonly summaries: PCollection<KeySummary>;
}

/**
 * Builds `Events` (an {@link OffsetSource}) → `RecentEventsPerKey` (a stateful ParDo in the global
 * window, see {@link recentEventsFn}). Step names are stable, so a checkpoint of one process
 * restores into the pipeline of the next.
 * @public
 */
export function recoveryPipeline(
  workload: RecoveryWorkload,
  checks: StateChecks,
  end?: (openedAt: number) => number,
  listener?: OffsetSourceListener,
): RecoveryPipeline {
  const pipeline = Pipeline.create();
  const summaries = pipeline
    .apply("Events", read(new OffsetSource(workload, end, listener)))
    .apply("RecentEventsPerKey", parDo(recentEventsFn(workload, checks)));
  return { pipeline, summaries };
}
