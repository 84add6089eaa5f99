import type { Pipeline } from "../model/Pipeline";
import type { PipelineResult } from "./PipelineResult";
import type { RunOptions } from "./RunOptions";
import { Runner } from "./Runner";

/**
 * Runs `pipeline` in-process to completion, then runs the checks registered on it
 * (e.g. by `assertThat`).
 * @internal
 */
export async function runPipeline(pipeline: Pipeline, options: RunOptions): Promise<PipelineResult> {
  const result = await new Runner(pipeline, options).run();
  for (const check of pipeline.afterRunChecks()) check();
  return result;
}
