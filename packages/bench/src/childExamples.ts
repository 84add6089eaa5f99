/**
 * One measurement of an example pipeline of @tributary/examples in a fresh process.
 *
 *   node --expose-gc dist/child-examples.js --target=example:fraud --events=100000 [--input=streamed]
 */
import { childMain } from "./harness/childMain";
import {
  EXAMPLES,
  generateClicks,
  runExample,
  streamedClicks,
  type ExampleName,
} from "./harness/examplePipelines";

childMain(({ target, mode, events, bundleSize, seed, input: inputMode }, onRead) => {
  const name = target.replace(/^example:/, "") as ExampleName;
  if (!EXAMPLES.includes(name)) throw new Error(`unknown example ${name}; known: ${EXAMPLES.join(", ")}`);
  if (mode === "baseline") throw new Error("the example pipelines have no hand-written baseline");
  const input = inputMode === "streamed" ? streamedClicks(events, seed) : generateClicks(events, seed);
  return () => runExample(name, input, bundleSize, onRead);
});
