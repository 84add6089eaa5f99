import { structuralCoder } from "../coders";
import type { PCollection } from "../model/PCollection";
import type { PrimitiveSpec } from "../model/TransformNode";
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

/**
 * A grouping's output together with the input elements it dropped as too late.
 * @public
 */
export interface WithLateData<O, I> {
  readonly grouped: PCollection<O>;
  readonly lateData: PCollection<I>;
}

/**
 * Declares a GroupByKey or Combine.perKey primitive over `input`, with a `lateData` output when
 * asked. Returns the outputs by tag.
 * @internal
 */
export function defineGrouping(
  input: PCollection<unknown>,
  spec: Extract<PrimitiveSpec, { kind: "groupByKey" | "combinePerKey" }>,
  lateData: boolean,
): Map<string, PCollection<unknown>> {
  const windowing = groupedWindowing(input);
  const outputs: Record<
    string,
    { windowing: WindowingStrategy; isBounded: boolean; coder: typeof structuralCoder }
  > = {
    main: { windowing, isBounded: input.isBounded, coder: structuralCoder },
  };
  if (lateData)
    outputs["lateData"] = { windowing: input.windowing, isBounded: input.isBounded, coder: structuralCoder };
  return input.pipeline.definePrimitive(spec, outputs);
}
