import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CheckpointStore, decodeFromBytes, Runner, structuralCoder } from "@tributary/core";
import { newStateChecks } from "./recentEventsFn";
import { recoveryPipeline } from "./recoveryPipeline";
import type { RecoveryWorkload } from "./RecoveryWorkload";

/** How long one phase took: wall time, and CPU time of this process (user + system). @public */
export interface PhaseTime {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Where the time of reading and writing one checkpoint goes, phase by phase. @public */
export interface CheckpointAnatomy {
  /** Bytes of the checkpoint's payload (the file adds a 52-byte header). */
  readonly payloadBytes: number;
  /** Reading the newest checkpoint file and verifying its checksum (`CheckpointStore.latest`). */
  readonly read: PhaseTime;
  /** Decoding the payload alone (structuralCoder). */
  readonly decode: PhaseTime;
  /** `Runner.restore`: decoding again and loading every step's state. */
  readonly restore: PhaseTime;
  /**
   * `Runner.checkpoint` of the restored runner: snapshot of the state and its encoding (the
   * second one, as in a running pipeline, whose buffer is sized from the previous checkpoint).
   */
  readonly snapshotEncode: PhaseTime;
  /** `CheckpointStore.write` of those bytes: checksum, write, fsync, rename, directory fsync. */
  readonly write: PhaseTime;
  /** Live heap (after a full GC) that the restored state adds; undefined without `--expose-gc`. */
  readonly restoredHeapBytes: number | undefined;
}

async function timed<T>(f: () => T | Promise<T>): Promise<[T, PhaseTime]> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await f();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return [value, { wallMs, cpuMs: (used.user + used.system) / 1000 }];
}

/**
 * Reads the newest checkpoint in `directory` and times each phase of loading it into a fresh
 * runner of the recovery pipeline, then of checkpointing that runner again (into a temporary
 * directory, removed afterwards). Run it in a fresh process, with `--expose-gc` for the heap figure.
 * @throws Error when `directory` holds no complete checkpoint.
 * @public
 */
export async function measureCheckpointAnatomy(
  directory: string,
  workload: RecoveryWorkload,
): Promise<CheckpointAnatomy> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const liveHeap = (): number => {
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const { pipeline } = recoveryPipeline(workload, newStateChecks());
  const runner = new Runner(pipeline, { collectLeaves: false });
  const heapBefore = liveHeap();
  const [latest, read] = await timed(() => new CheckpointStore(directory).latest());
  if (!latest) throw new Error(`no complete checkpoint in ${directory}`);
  const [, decode] = await timed(() => decodeFromBytes(structuralCoder, latest.payload));
  const [, restore] = await timed(() => runner.restore(latest.payload));
  const payloadBytes = latest.payload.length;
  const restoredHeapBytes = gc ? liveHeap() - heapBefore : undefined;
  runner.checkpoint();
  const [bytes, snapshotEncode] = await timed(() => runner.checkpoint());
  const scratch = mkdtempSync(join(tmpdir(), "tributary-anatomy-"));
  try {
    const [, write] = await timed(() => new CheckpointStore(scratch).write(bytes));
    return { payloadBytes, read, decode, restore, snapshotEncode, write, restoredHeapBytes };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
