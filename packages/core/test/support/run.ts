import type { Pipeline, PipelineResult, RunOptions } from "@tributary/core";

/**
 * Runs a bounded pipeline like `p.run(options)`, but fails after `timeoutMs` instead of hanging
 * the test file when run() never resolves (every input here is finite, so run() must finish).
 */
export async function runBounded(
  p: Pipeline,
  options: RunOptions = {},
  timeoutMs = 3_000,
): Promise<PipelineResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const result = await p.run({ ...options, signal: controller.signal });
    if (result.state !== "DONE") {
      throw new Error(
        `run() of a bounded pipeline did not finish within ${timeoutMs} ms (state ${result.state}): ` +
          "every input was finite, so the runner should have reached isDone",
      );
    }
    return result;
  } finally {
    clearTimeout(timer);
  }
}
