import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  MAX_TIMESTAMP,
  Pipeline,
  read,
  type FailpointName,
  type SourceBatch,
  type UnboundedReader,
  type UnboundedSource,
} from "@tributary/core";
import { writeBigQuery, type TableSchema, type WriteBackend } from "@tributary/io-bigquery";

/** A replayable log of ids whose checkpoint mark is the offset read; acknowledgements are recorded. */
export class ReplayableLog implements UnboundedSource<number, { offset: number }> {
  acked = 0;
  constructor(
    private readonly records: readonly number[],
    private readonly batch = 7,
  ) {}
  open(mark?: { offset: number }): Promise<UnboundedReader<number, { offset: number }>> {
    let offset = mark?.offset ?? 0;
    return Promise.resolve({
      read: (): Promise<SourceBatch<number>> => {
        const values = this.records.slice(offset, offset + this.batch);
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
    return "replayableLog";
  }
}

export const idSchema: TableSchema = { fields: [{ name: "id", type: "INT64", mode: "REQUIRED" }] };

/** Read → WriteToBigQuery (two-phase commit) of `{ id }` rows into `table`. */
export function logToTable(log: ReplayableLog, table: string, backend: WriteBackend): Pipeline {
  const p = Pipeline.create();
  p.apply("Read", read(log)).apply(
    "Write",
    writeBigQuery<number>({
      table,
      schema: idSchema,
      backend,
      twoPhaseCommit: true,
      formatRow: (id) => ({ id }),
      retry: { maxAttempts: 2, initialBackoffMs: 10 },
    }),
  );
  return p;
}

/** A failpoint hook that throws on the `nth` time `point` is reached. */
export function crashAt(point: FailpointName, nth: number): (name: FailpointName) => void {
  let hits = 0;
  return (name) => {
    if (name === point && ++hits === nth) throw new Error(`crash at ${name}`);
  };
}

export function checkpointDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "tributary-bq-2pc-"));
}

export const FAILPOINTS: readonly FailpointName[] = [
  "after-receive",
  "before-checkpoint",
  "during-checkpoint-write",
  "before-commit",
  "before-ack",
];
