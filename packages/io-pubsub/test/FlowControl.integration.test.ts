/**
 * Backpressure end to end: a publisher outruns a sink that takes 10% of its rate; flow control
 * keeps what the pipeline holds bounded (the backlog stays in Pub/Sub), and once the sink speeds
 * up every message arrives exactly once. Runs with checkpoints (exactly-once mode), where a
 * message stays held until a durable checkpoint covers it.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Pipeline, read, Runner, type DoFn } from "@tributary/core";
import { describe, expect, it } from "vitest";
import { PubsubSource, type PubsubCheckpointMark, type PubsubMessage, type PubsubReader } from "../src";
import { eventually, freshTopic, PROJECT, sleep, usePubsubEmulator } from "./pubsubTestKit";

const kit = usePubsubEmulator();

const INPUT_RATE = 200; // messages per second published
const SINK_RATE = INPUT_RATE / 10; // messages per second the throttled sink takes
const PUBLISH_MS = 15_000;
const MESSAGE_BYTES = 16 * 1024;
const MAX_MESSAGES = 50;

/** A source whose readers the test can watch. */
class WatchedSource extends PubsubSource {
  readonly readers: PubsubReader[] = [];
  override async open(checkpoint?: PubsubCheckpointMark): Promise<PubsubReader> {
    const reader = await super.open(checkpoint);
    this.readers.push(reader);
    return reader;
  }
}

/** A sink that records message ids and, while `throttled`, takes 1000 / SINK_RATE ms per message. */
class ThrottledSink implements DoFn<PubsubMessage, never> {
  readonly name = "ThrottledSink";
  throttled = true;
  readonly seen = new Map<string, number>();
  private pending = 0;
  process(m: PubsubMessage): void {
    const id = m.attributes["id"]!;
    this.seen.set(id, (this.seen.get(id) ?? 0) + 1);
    this.pending++;
  }
  async finishBundle(): Promise<void> {
    const n = this.pending;
    this.pending = 0;
    if (this.throttled && n > 0) await sleep((n * 1000) / SINK_RATE);
  }
}

/** Runs test/fixtures/publishAtRate.mjs; resolves to how many messages it published. */
function publishAtRate(
  host: string,
  topic: string,
  rate: number,
  ms: number,
  bytes: number,
): Promise<number> {
  const script = fileURLToPath(new URL("./fixtures/publishAtRate.mjs", import.meta.url));
  const child = spawn(
    process.execPath,
    [script, host, PROJECT, topic, String(rate), String(ms), String(bytes)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve((JSON.parse(out) as { published: number }).published);
      else reject(new Error(`the publisher exited with ${code}: ${out}`));
    });
  });
}

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Live heap plus off-heap buffers (message payloads are Buffers, outside the JS heap), after a GC. */
const liveBytes = (): number => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

describe("flow control with a sink at 10% of the input rate", () => {
  it("holds at most maxMessages, keeps memory bounded, and loses nothing", async () => {
    const { topicName, subscriptionName } = await freshTopic(kit);
    const directory = await mkdtemp(join(tmpdir(), "tributary-flow-"));
    const source = new WatchedSource({
      subscription: subscriptionName,
      ...kit.connection,
      flowControl: { maxMessages: MAX_MESSAGES },
    });
    const sink = new ThrottledSink();
    const p = Pipeline.create();
    p.apply("Read", read(source)).parDo(sink);
    const stop = new AbortController();
    const runner = new Runner(p, {
      checkpoints: { directory, intervalMillis: 200 },
      collectLeaves: false,
      signal: stop.signal,
    });

    // The publisher runs in its own process, so this process's memory is the pipeline's alone.
    const publishing = publishAtRate(kit.host, topicName, INPUT_RATE, PUBLISH_MS, MESSAGE_BYTES);

    const baseline = liveBytes();
    let peakHeld = 0;
    let peakBytes = 0;
    const sampler = setInterval(() => {
      for (const r of source.readers) {
        const s = r.stats();
        peakHeld = Math.max(peakHeld, s.buffered + s.unacked);
      }
      peakBytes = Math.max(peakBytes, liveBytes() - baseline);
    }, 500);
    const running = runner.run();
    try {
      const published = await publishing;
      const throttledPeakBytes = peakBytes;
      const received = source.readers.reduce((n, r) => n + r.stats().received, 0);
      const publishedBytes = published * MESSAGE_BYTES;

      // The throttled phase: the backlog stayed in Pub/Sub.
      expect(published).toBeGreaterThanOrEqual(INPUT_RATE * (PUBLISH_MS / 1000) * 0.9);
      expect(peakHeld).toBeLessThanOrEqual(MAX_MESSAGES);
      expect(received).toBeLessThanOrEqual(sink.seen.size + MAX_MESSAGES);
      expect(received).toBeLessThan(published * 0.25);
      // The live memory the process added stays far below the published bytes (47 MB): bounded
      // by flow control, not by the backlog.
      expect(throttledPeakBytes).toBeLessThan(publishedBytes / 4);

      // The sink recovers: everything arrives, exactly once.
      sink.throttled = false;
      await eventually(
        `all ${published} messages at the sink (got ${sink.seen.size})`,
        () => sink.seen.size === published,
        60_000,
      );
      expect([...sink.seen.values()].every((n) => n === 1)).toBe(true);
      console.log(
        `[io-pubsub flow control] published ${published} × ${MESSAGE_BYTES / 1024} KiB at ${INPUT_RATE}/s, ` +
          `sink at ${SINK_RATE}/s: received ${received} while throttled, peak held ${peakHeld} ` +
          `(maxMessages ${MAX_MESSAGES}), peak live heap+external growth ${Math.round(throttledPeakBytes / 2 ** 20)} MiB ` +
          `of ${Math.round(publishedBytes / 2 ** 20)} MiB published`,
      );
    } finally {
      clearInterval(sampler);
      stop.abort();
      await running;
      await rm(directory, { recursive: true, force: true });
    }
  }, 120_000);
});
