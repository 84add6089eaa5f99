import type { PCollection } from "../model/PCollection";
import { GlobalWindows } from "../windowing/GlobalWindows";
import type { WindowingStrategy } from "../windowing/WindowingStrategy";
import { continuationTrigger } from "../triggers/continuationTrigger";

/**
 * Checks that grouping `input` by key and window is well defined, and returns the windowing of
 * the grouped output. Shared by GroupByKey and Combine.perKey.
 * @throws Error naming the fix, for an unbounded global-window input with the default trigger
 * (it would never fire) and for a trigger that can drop data unless `allowDataLoss` was set.
 * @internal
 */
export function groupedWindowing(input: PCollection<unknown>): WindowingStrategy {
  const w = input.windowing;
  if (!input.isBounded && w.windowFn instanceof GlobalWindows && w.trigger.kind === "default") {
    throw new Error(
      `${input.name} is unbounded and in the global window with the default trigger, so a grouping would never fire; ` +
        "apply windowInto with a non-global WindowFn (e.g. fixedWindows(minutes(1))) or a trigger (e.g. repeatedly(afterProcessingTime(seconds(10))))",
    );
  }
  if (!w.allowDataLoss && !w.triggerIsSafe()) {
    throw new Error(
      `trigger ${w.trigger.toString()} may finish before the end of the allowed lateness and drop data; ` +
        "wrap it in repeatedly(...), add late firings, or pass allowDataLoss: true to windowInto",
    );
  }
  return w.with({ trigger: continuationTrigger(w.trigger) });
}
