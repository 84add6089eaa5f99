/** Statistics of a distribution metric. @public */
export interface DistributionValue {
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

/**
 * One metric of one step, as read from a pipeline result.
 * @public
 */
export type MetricResult =
  | { readonly step: string; readonly name: string; readonly type: "counter"; readonly value: number }
  | {
      readonly step: string;
      readonly name: string;
      readonly type: "distribution";
      readonly value: DistributionValue;
    }
  | { readonly step: string; readonly name: string; readonly type: "gauge"; readonly value: number };
