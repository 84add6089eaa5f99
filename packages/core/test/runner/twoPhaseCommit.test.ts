import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  MAX_TIMESTAMP,
  Pipeline,
  read,
  type DoFn,
  type FailpointName,
  type SourceBatch,
  type UnboundedReader,
  type UnboundedSource,
} from "@tributary/core";

/** A replayable log whose checkpoint mark is the offset read; acknowledgements are recorded. */
class Log implements UnboundedSource<number, { offset: number }> {
  acked = 0;
  constructor(private readonly records: readonly number[]) {}
  open(mark?: { offset: number }): Promise<UnboundedReader<number, { offset: number }>> {
    let offset = mark?.offset ?? 0;
    return Promise.resolve({
      read: (): Promise<SourceBatch<number>> => {
        const values = this.records.slice(offset, offset + 5);
        offset += values.length;
        return Promise.resolve({ values, timestamps: values });
      },
      watermark: () => (offset >= this.records.length ? MAX_TIMESTAMP : offset),
      checkpointMark: () => ({ offset }),
      finalizeCheckpoint: (m) => {
        this.acked = Math.max(this.acked, m.offset);
        return Promise.resolve();
      },
      close: () => Promise.resolve(),
    });
  }
  toString(): string {
    return "log";
  }
}

/** A table with transactions: rows written to a pending batch become visible only when committed. */
class Table {
  readonly visible: number[] = [];
  private readonly pending = new Map<string, number[]>();
  private readonly committed = new Set<string>();
  private seq = 0;
  write(rows: number[]): string {
    const id = `batch-${this.seq++}`;
    this.pending.set(id, rows);
    return id;
  }
  commit(id: string): void {
    if (this.committed.has(id)) return;
    this.committed.add(id);
    this.visible.push(...(this.pending.get(id) ?? []));
  }
}

/** An exactly-once sink: flushes each bundle to a pending batch; the runner commits them with its checkpoints. */
function sink(table: Table): DoFn<number, never> {
  let buffer: number[] = [];
  let prepared: string[] = [];
  return {
    name: "Sink",
    process(x) {
      buffer.push(x);
    },
    finishBundle() {
      if (buffer.length) prepared.push(table.write(buffer));
      buffer = [];
    },
    prepareCommit() {
      const ids = prepared;
      prepared = [];
      return ids;
    },
    commit(ids) {
      for (const id of ids as string[]) table.commit(id);
    },
  };
}

function pipeline(
  records: readonly number[],
  table: Table,
  crashAt?: number,
  log = new Log(records),
): Pipeline {
  const p = Pipeline.create();
  p.apply("Read", read(log))
    .map((x) => {
      if (x === crashAt) throw new Error("simulated crash");
      return x;
    }, "MaybeCrash")
    .parDo(sink(table), "Write");
  return p;
}

describe("two-phase commit with checkpoints", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it("after a crash and a restart from the last checkpoint, every record is visible exactly once", async () => {
    const directory = await mkdtemp(join(tmpdir(), "tributary-2pc-"));
    dirs.push(directory);
    const records = Array.from({ length: 100 }, (_, i) => i);
    const table = new Table();
    // Checkpoint after every step; crash in the middle of the stream: batches written since the
    // last checkpoint stay pending forever.
    await expect(
      pipeline(records, table, 57).run({ checkpoints: { directory, intervalMillis: 0 } }),
    ).rejects.toThrow(/simulated crash/);
    const visibleAfterCrash = [...table.visible];
    expect(visibleAfterCrash.length).toBeGreaterThan(0);
    expect(visibleAfterCrash.length).toBeLessThan(57);
    // The restart restores the checkpoint, commits what it had prepared (again: idempotent), and
    // replays the log from the checkpointed offset.
    await pipeline(records, table).run({ checkpoints: { directory, intervalMillis: 0 } });
    expect([...table.visible].sort((a, b) => a - b)).toEqual(records);
  });

  for (const point of [
    "after-receive",
    "before-checkpoint",
    "during-checkpoint-write",
    "before-commit",
    "before-ack",
  ] as const) {
    it(`a crash at failpoint ${point} loses and duplicates nothing`, async () => {
      const directory = await mkdtemp(join(tmpdir(), "tributary-2pc-"));
      dirs.push(directory);
      const records = Array.from({ length: 60 }, (_, i) => i);
      const table = new Table();
      let hits = 0;
      const crashAtFourthHit = (name: FailpointName): void => {
        if (name === point && ++hits === 4) throw new Error(`crash at ${name}`);
      };
      await expect(
        pipeline(records, table).run({
          checkpoints: { directory, intervalMillis: 0 },
          failpoint: crashAtFourthHit,
        }),
      ).rejects.toThrow(`crash at ${point}`);
      const log = new Log(records);
      await pipeline(records, table, undefined, log).run({ checkpoints: { directory, intervalMillis: 0 } });
      expect([...table.visible].sort((a, b) => a - b)).toEqual(records);
      expect(log.acked).toBe(records.length);
    });
  }
});

describe("two-phase-commit sinks without checkpoints", () => {
  it("commit as soon as their bundles finish", async () => {
    const records = Array.from({ length: 23 }, (_, i) => i);
    const table = new Table();
    await pipeline(records, table).run();
    expect([...table.visible].sort((a, b) => a - b)).toEqual(records);
  });
});
