import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  combiners,
  fixedWindows,
  kv,
  MAX_TIMESTAMP,
  Pipeline,
  read,
  type KV,
  type SourceBatch,
  type UnboundedReader,
  type UnboundedSource,
} from "@tributary/core";

/** A replayable log: the checkpoint mark is the offset read so far; finalize records acknowledgements. */
class LogSource implements UnboundedSource<number, { offset: number }> {
  readonly acked: number[] = [];
  readonly ackedWithCheckpointOnDisk: boolean[] = [];
  constructor(
    private readonly log: readonly number[],
    private readonly checkpointDir: string,
    private readonly stopAfter = Infinity,
  ) {}
  open(mark?: { offset: number }): Promise<UnboundedReader<number, { offset: number }>> {
    let offset = mark?.offset ?? 0;
    let acked = offset;
    const reader: UnboundedReader<number, { offset: number }> = {
      read: (max): Promise<SourceBatch<number>> => {
        const end = Math.min(offset + Math.min(max, 7), this.log.length, this.stopAfter);
        const values = this.log.slice(offset, end);
        offset = end;
        return Promise.resolve({ values, timestamps: values });
      },
      watermark: () =>
        offset >= this.log.length ? MAX_TIMESTAMP : offset > 0 ? this.log[offset - 1]! - 10 : -Infinity,
      checkpointMark: () => ({ offset }),
      finalizeCheckpoint: async (m) => {
        this.ackedWithCheckpointOnDisk.push(
          (await readdir(this.checkpointDir)).some((n) => n.endsWith(".bin")),
        );
        for (let i = acked; i < m.offset; i++) this.acked.push(this.log[i]!);
        acked = Math.max(acked, m.offset);
      },
      close: () => Promise.resolve(),
    };
    return Promise.resolve(reader);
  }
  toString(): string {
    return "log";
  }
}

function countsPipeline(source: LogSource): { p: Pipeline; out: ReturnType<typeof build> } {
  const p = Pipeline.create();
  const out = build(p, source);
  return { p, out };
}
function build(p: Pipeline, source: LogSource) {
  return p
    .apply("Read", read(source))
    .map((t) => kv(t % 3 === 0 ? "fizz" : "other", 1), "Key")
    .windowInto(fixedWindows(100), {}, "Window")
    .combinePerKey(combiners.count(), "Count");
}

describe("run with checkpoints", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it("exactly-once: acknowledges input only after a durable checkpoint; a restart resumes where the checkpoint left off", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tributary-run-"));
    dirs.push(dir);
    const log = Array.from({ length: 400 }, (_, i) => i);
    const describeCounts = (
      values: ReadonlyArray<{ value: KV<string, number>; windows: readonly { id: string }[] }>,
    ): string[] => values.map((wv) => `${wv.windows[0]!.id}:${wv.value.key}=${wv.value.value}`).sort();

    // The oracle: one uninterrupted run.
    const whole = countsPipeline(new LogSource(log, dir));
    const wholeResult = await whole.p.run();
    const expected = describeCounts(wholeResult.windowedValues(whole.out));
    expect(expected.length).toBeGreaterThan(4);

    // First run: the source stalls after 150 records; we stop it (a graceful drain).
    const first = new LogSource(log, dir, 150);
    const a = countsPipeline(first);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const firstResult = await a.p.run({
      signal: controller.signal,
      checkpoints: { directory: dir, intervalMillis: 1e9 },
    });
    expect(firstResult.state).toBe("CANCELLED");
    expect(first.acked).toEqual(log.slice(0, 150));
    expect(first.ackedWithCheckpointOnDisk.every(Boolean)).toBe(true);
    expect(existsSync(join(dir, "checkpoint-000000000001.bin"))).toBe(true);

    // Second run restores the checkpoint (grouping state, watermarks, source offset) and finishes.
    const second = new LogSource(log, dir);
    const b = countsPipeline(second);
    const secondResult = await b.p.run({ checkpoints: { directory: dir, intervalMillis: 1e9 } });
    expect(second.acked).toEqual(log.slice(150));
    expect(
      describeCounts([...firstResult.windowedValues(a.out), ...secondResult.windowedValues(b.out)]),
    ).toEqual(expected);
  });

  it("at-least-once: acknowledges input as soon as every step processed it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tributary-run-"));
    dirs.push(dir);
    const source = new LogSource(
      Array.from({ length: 50 }, (_, i) => i),
      dir,
    );
    const { p } = countsPipeline(source);
    await p.run({ checkpoints: { directory: dir, intervalMillis: 1e9, mode: "at-least-once" } });
    expect(source.acked).toHaveLength(50);
    expect(source.ackedWithCheckpointOnDisk[0]).toBe(false);
  });
});
