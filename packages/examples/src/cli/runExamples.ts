import { Pipeline, read, type Clock, type PCollection, type PipelineResult } from "@tributary/core";
import { ClickstreamAnalytics } from "../clickstream/ClickstreamAnalytics";
import { ClickStreamSource } from "../datagen/ClickStreamSource";
import type { ClickStreamOptions } from "../datagen/ClickStreamOptions";
import { FraudDetection } from "../fraud/FraudDetection";
import { memoryOutputs } from "../outputs/memoryOutputs";
import type { Outputs, TableHints } from "../outputs/Outputs";
import { teeOutputs } from "../outputs/teeOutputs";
import { ProductRecommendations } from "../recommendations/ProductRecommendations";
import type { PipelineName } from "./parseCliArgs";

/** What to run. @public */
export interface RunExamplesOptions {
  readonly pipelines: readonly PipelineName[];
  /** The synthetic stream; `maxEvents` or `durationMs` should bound it. */
  readonly stream: ClickStreamOptions;
  /** Where results go besides the in-memory copy used for the summary. */
  readonly outputs?: Outputs;
  readonly ratePerSecond?: number;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
}

/** A finished run: the runner's result, the source (events, labels) and every output table's rows. @public */
export interface ExamplesRun {
  readonly result: PipelineResult;
  readonly source: ClickStreamSource;
  readonly tables: ReturnType<typeof memoryOutputs>;
  readonly elapsedMs: number;
}

/** Table hints for BigQuery-like sinks: page counts partitioned by day and clustered by page, etc. */
const HINTS: Readonly<Record<string, TableHints>> = {
  clickstream_page_counts: { partitionByDay: "windowStart", clusterBy: ["page"] },
  clickstream_referrer_counts: { partitionByDay: "windowStart", clusterBy: ["referrer"] },
  clickstream_sessions: { partitionByDay: "windowStart", clusterBy: ["userId"] },
  recommendations_co_viewed: { partitionByDay: "windowStart", clusterBy: ["productId"] },
  recommendations_bought_together: { partitionByDay: "windowStart", clusterBy: ["productId"] },
  fraud_alerts: { partitionByDay: "at", clusterBy: ["rule"] },
};

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Builds one pipeline that reads the synthetic click stream once and applies the chosen example
 * pipelines to it, writes every result table to `outputs` (tables named `<pipeline>_<result>`,
 * e.g. `clickstream_page_counts`) and to memory, and runs it to the end of the stream.
 * @public
 */
export async function runExamples(options: RunExamplesOptions): Promise<ExamplesRun> {
  const p = Pipeline.create();
  const source = new ClickStreamSource({
    ...options.stream,
    ...(options.ratePerSecond !== undefined && { ratePerSecond: options.ratePerSecond }),
    ...(options.clock !== undefined && { clock: options.clock }),
  });
  const clicks = p.apply("ReadClicks", read(source));
  const tables = memoryOutputs();
  const outputs = options.outputs ? teeOutputs(options.outputs, tables) : tables;
  const write = (prefix: string, results: object) => {
    for (const [name, pc] of Object.entries(results as Record<string, PCollection<object>>)) {
      const table = `${prefix}_${snake(name)}`;
      outputs.write(table, pc, HINTS[table]);
    }
  };
  for (const name of options.pipelines) {
    switch (name) {
      case "clickstream":
        write(name, clicks.apply("Clickstream", new ClickstreamAnalytics()));
        break;
      case "recommendations":
        write(name, clicks.apply("Recommendations", new ProductRecommendations()));
        break;
      case "fraud":
        write(name, clicks.apply("Fraud", new FraudDetection()));
        break;
    }
  }
  const started = performance.now();
  const result = await p.run({
    ...(options.clock !== undefined && { clock: options.clock }),
    ...(options.signal !== undefined && { signal: options.signal }),
  });
  return { result, source, tables, elapsedMs: performance.now() - started };
}
