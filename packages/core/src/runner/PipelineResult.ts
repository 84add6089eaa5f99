import type { MetricResult } from "../metrics/MetricResult";
import type { PCollection } from "../model/PCollection";
import type { WindowedValue } from "../values/WindowedValue";

/**
 * What a finished run returns: the collected outputs and the metrics of every step.
 * @public
 */
export class PipelineResult {
  /** @internal */
  constructor(
    /** DONE when the inputs were exhausted, CANCELLED when the run was aborted. */
    readonly state: "DONE" | "CANCELLED",
    private readonly collected: ReadonlyMap<PCollection<unknown>, WindowedValue<unknown>[]>,
    private readonly metricResults: readonly MetricResult[],
    /** Elements produced per PCollection name. */
    readonly elementCounts: ReadonlyMap<string, number> = new Map(),
  ) {}

  /** How many elements `pc` carried during the run. */
  elementCount(pc: PCollection<unknown>): number {
    return this.elementCounts.get(pc.name) ?? 0;
  }

  /** The elements of `pc` with their timestamps, windows and panes, in output order. */
  windowedValues<T>(pc: PCollection<T>): ReadonlyArray<WindowedValue<T>> {
    const values = this.collected.get(pc);
    if (!values) {
      throw new Error(
        `${pc.name} was not collected: only PCollections that nothing reads are, unless listed in run({ collect: [...] })`,
      );
    }
    return values as WindowedValue<T>[];
  }

  /** The elements of `pc`, in output order. */
  values<T>(pc: PCollection<T>): T[] {
    return this.windowedValues(pc).map((wv) => wv.value);
  }

  /** Every metric of every step. */
  metrics(): readonly MetricResult[] {
    return this.metricResults;
  }

  /**
   * The value of counter `name` of step `step` and of the steps inside it (`step/...`), summed
   * (every step when `step` is ""); 0 when it was never incremented.
   */
  counter(step: string, name: string): number {
    let sum = 0;
    for (const m of this.metricResults) {
      if (
        m.type === "counter" &&
        m.name === name &&
        (step === "" || m.step === step || m.step.startsWith(`${step}/`))
      )
        sum += m.value;
    }
    return sum;
  }
}
