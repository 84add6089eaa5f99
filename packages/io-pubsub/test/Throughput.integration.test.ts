import { Pipeline, Runner } from "@tributary/core";
import { describe, expect, it } from "vitest";
import { readPubsub, writePubsub } from "../src";
import { freshTopic, sleep, usePubsubEmulator } from "./pubsubTestKit";

const kit = usePubsubEmulator();
const N = 5_000;

describe("throughput on pstest (a measurement, printed; it asserts only completeness)", () => {
  it(`moves ${N} JSON messages from a subscription through a parse step to a topic`, async () => {
    const input = await freshTopic(kit);
    const output = await freshTopic(kit);
    const publisher = kit.client.topic(input.topicName, {
      batching: { maxMessages: 1000, maxMilliseconds: 5 },
    });
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        publisher.publishMessage({
          data: Buffer.from(JSON.stringify({ user: `u${i % 100}`, n: i })),
          attributes: { ts: String(1_700_000_000_000 + i) },
        }),
      ),
    );
    const publishMs = performance.now() - t0;

    let passed = 0;
    let peakHeap = 0;
    const p = Pipeline.create();
    const { messages } = p.apply(
      readPubsub<{ user: string; n: number }>({
        subscription: input.subscriptionName,
        ...kit.connection,
        timestampAttribute: "ts",
      }),
    );
    messages
      .map((m) => {
        passed++;
        return { ...m, seen: true };
      })
      .apply(writePubsub({ topic: output.topicName, ...kit.connection }));
    const runner = new Runner(p);
    const t1 = performance.now();
    while (passed < N) {
      if (!(await runner.step())) await sleep(1);
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      if (performance.now() - t1 > 60_000)
        throw new Error(`only ${passed} of ${N} messages went through in 60 s`);
    }
    const pipelineMs = performance.now() - t1;
    await runner.teardown();
    const [meta] = await output.subscription.getMetadata();
    expect(meta.name).toContain(output.subscriptionName);
    expect(passed).toBe(N);
    console.log(
      `[io-pubsub throughput] publish ${N} with the plain client: ${Math.round(N / (publishMs / 1000))} msg/s; ` +
        `subscription -> readPubsub -> map -> writePubsub: ${Math.round(N / (pipelineMs / 1000))} msg/s ` +
        `(${Math.round(pipelineMs)} ms); peak heap ${Math.round(peakHeap / 2 ** 20)} MiB`,
    );
  }, 120_000);
});
