/**
 * One Nexmark measurement in a fresh process, so peak RSS is this run's alone: generates the
 * input (or, with `--input=streamed`, generates it batch by batch as it is read), runs a query's
 * pipeline or baseline over it, prints one JSON Measurement line.
 *
 *   node --expose-gc dist/child.js --target=Q5 --mode=pipeline --events=1000000 --bundle=1000 --seed=1
 */
import { DEFAULT_CONFIG } from "./nexmark/NexmarkConfig";
import { generateEvents } from "./nexmark/NexmarkGenerator";
import { queryNamed } from "./queries";
import { childMain } from "./harness/childMain";
import { runBaseline, runPipeline } from "./harness/runQuery";
import { CountingSink } from "./harness/Sink";
import { streamedNexmark } from "./harness/StreamedInput";

childMain(({ target, mode, events, bundleSize, seed, input: inputMode }, onRead) => {
  const query = queryNamed(target);
  const config = { ...DEFAULT_CONFIG, seed };
  const input = inputMode === "streamed" ? streamedNexmark(events, config) : generateEvents(events, config);
  const ctx = { config, bundleSize };
  const sink = new CountingSink();
  return mode === "pipeline"
    ? async () => {
        await runPipeline(query, input, sink, ctx, onRead);
        return sink.count;
      }
    : () => {
        runBaseline(query, input, sink, ctx, onRead);
        return Promise.resolve(sink.count);
      };
});
