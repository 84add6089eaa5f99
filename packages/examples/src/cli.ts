#!/usr/bin/env node
import { resolve } from "node:path";
import { formatSummary } from "./cli/formatSummary";
import { parseCliArgs, USAGE } from "./cli/parseCliArgs";
import { runExamples } from "./cli/runExamples";
import { jsonLinesOutputs } from "./outputs/jsonLinesOutputs";

async function main(): Promise<number> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const outDir = resolve(options.out);
  console.log(
    `tributary examples: ${options.pipelines.join(", ")} on ${options.events.toLocaleString("en-US")} synthetic events (seed ${options.seed})`,
  );
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  const run = await runExamples({
    pipelines: options.pipelines,
    stream: { seed: options.seed, maxEvents: options.events },
    outputs: jsonLinesOutputs(outDir),
    signal: controller.signal,
    ...(options.rate !== undefined && { ratePerSecond: options.rate }),
  });
  console.log(formatSummary(run, outDir));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
