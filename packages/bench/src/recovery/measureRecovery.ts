import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Random } from "../nexmark/Random";
import type { ChildEvent } from "./ChildEvent";
import { expectedSummaries } from "./expectedSummaries";
import type { CheckpointAnatomy } from "./measureCheckpointAnatomy";
import type { KeySummary } from "./recentEventsFn";
import { RecoveryChildProcess } from "./RecoveryChildProcess";
import { workloadFlags, type RecoveryWorkload } from "./RecoveryWorkload";

/** What to measure, and where. @public */
export interface RecoveryMeasurementOptions {
  /** The built child script (`dist/recovery-child.js`). */
  readonly childScript: string;
  readonly workload: RecoveryWorkload;
  /** A new or empty directory for the checkpoints and the output. */
  readonly directory: string;
  readonly intervalMillis: number;
  /** Kill the first run once a checkpoint file is at least this large. */
  readonly targetCheckpointBytes: number;
  /** SIGKILLs; each is followed by a restart, and the last restart runs to the end. */
  readonly kills: number;
  /** Events the last restart reads after the offset it resumes at, then the stream ends. */
  readonly finishAfter: number;
  /** Also time the phases of restoring and rewriting the last checkpoint in a fresh process. */
  readonly anatomy?: boolean;
  /** Node flags of the child processes. */
  readonly nodeFlags?: readonly string[];
  /** Seed of the kill delays (default 1). */
  readonly seed?: number;
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
}

/** One checkpoint, as the child timed it. @public */
export interface CheckpointRecord {
  /** The checkpoint file's size. */
  readonly bytes: number;
  /** From the start of the checkpoint (state snapshot) to the temporary file written and fsynced. */
  readonly fileWrittenMs: number;
  /** From the start of the checkpoint to durable (renamed, directory fsynced). */
  readonly durableMs: number;
  /** The source offset it covers. */
  readonly offset: number;
}

/** One restart after a SIGKILL; times from the spawn of the new process. @public */
export interface RestartRecord {
  /** Size of the checkpoint file it restored. */
  readonly restoredBytes: number;
  /** The source offset it resumed at. */
  readonly restoredOffset: number;
  /** Until the child's modules were loaded (Node start-up). */
  readonly startedMs: number;
  /** Until the checkpoint was read, decoded and loaded, and the source reopened at its mark. */
  readonly restoredMs: number;
  /** Until the first bundle went through the stateful step. */
  readonly firstBundleMs: number;
  /** Until the first new checkpoint was durable. */
  readonly firstCheckpointMs: number;
}

/** Everything one measurement found. @public */
export interface RecoveryReport {
  readonly workload: RecoveryWorkload;
  readonly intervalMillis: number;
  /** From the first spawn until a checkpoint reached the target size. */
  readonly fillMs: number;
  readonly restarts: readonly RestartRecord[];
  /** Every checkpoint at least as large as the target, in every run. */
  readonly checkpoints: readonly CheckpointRecord[];
  /** Where the last run's stream ended: the output covers offsets [0, end). */
  readonly end: number;
  /** Elements whose state was checked against the expected state, over all runs. */
  readonly verified: number;
  /** Checked elements whose state was wrong, and the first such, over all runs. */
  readonly stateMismatches: number;
  readonly firstStateMismatch: string | undefined;
  /** Keys output by the last run. */
  readonly outputKeys: number;
  /** Keys whose output differs from the oracle's, or that one side lacks (the first few). */
  readonly outputDifferences: readonly string[];
  readonly anatomy?: CheckpointAnatomy;
}

/** The size of the newest complete checkpoint file in `directory` (0 when there is none). */
function newestCheckpointBytes(directory: string): number {
  const newest = readdirSync(directory)
    .filter((f) => /^checkpoint-\d{12}\.bin$/.test(f))
    .sort()
    .pop();
  return newest === undefined ? 0 : statSync(join(directory, newest)).size;
}

/** The checkpoint that `durable`, the last of `events`, ended. */
function checkpointEndingWith(
  durable: Extract<ChildEvent, { event: "checkpointDurable" }>,
  events: readonly ChildEvent[],
  bytes: number,
): CheckpointRecord {
  let started: number | undefined;
  let fileWritten: number | undefined;
  for (let i = events.length - 2; i >= 0 && started === undefined; i--) {
    const e = events[i]!;
    if (e.event === "checkpointFileWritten") fileWritten ??= e.at;
    if (e.event === "checkpointStarted") started = e.at;
  }
  if (started === undefined || fileWritten === undefined)
    throw new Error("a checkpoint ended that never started");
  return {
    bytes,
    fileWrittenMs: fileWritten - started,
    durableMs: durable.at - started,
    offset: durable.offset,
  };
}

/** Compares the last run's output with the oracle's; describes the first few differences. */
function compareWithOracle(actual: readonly KeySummary[], expected: readonly KeySummary[]): string[] {
  const differences: string[] = [];
  const byKey = new Map(actual.map((s) => [s.key, s]));
  if (byKey.size !== actual.length)
    differences.push(`${actual.length - byKey.size} key(s) output more than once`);
  for (const e of expected) {
    const a = byKey.get(e.key);
    byKey.delete(e.key);
    if (!a) differences.push(`key ${e.key}: missing`);
    else if (a.count !== e.count || a.offsetsDigest !== e.offsetsDigest || a.recentDigest !== e.recentDigest)
      differences.push(`key ${e.key}: got ${JSON.stringify(a)}, expected ${JSON.stringify(e)}`);
  }
  for (const key of byKey.keys()) differences.push(`key ${key}: not expected`);
  return differences.slice(0, 5).concat(differences.length > 5 ? [`… ${differences.length - 5} more`] : []);
}

/**
 * The recovery measurement: runs the recovery pipeline in a child process until its checkpoint
 * holds `targetCheckpointBytes`, then `kills` times: SIGKILL at a random moment (uniform over one
 * checkpoint interval after the run's first new checkpoint), restart, and time the restart. The
 * last restart runs to the end of the stream; its output is compared with the oracle, and every
 * element of every run checked the state it found (see {@link recentEventsFn}). The caller
 * judges the figures and asserts the correctness fields.
 * @public
 */
export async function measureRecovery(options: RecoveryMeasurementOptions): Promise<RecoveryReport> {
  const { directory, workload, intervalMillis, log = () => undefined } = options;
  if (!(options.kills >= 1)) throw new RangeError(`kills must be at least 1, got ${options.kills}`);
  const checkpointDir = join(directory, "checkpoints");
  const outputFile = join(directory, "output.json");
  mkdirSync(checkpointDir, { recursive: true });
  if (readdirSync(checkpointDir).length > 0) throw new Error(`${checkpointDir} is not empty`);
  const random = new Random(options.seed ?? 1);
  const args = [...workloadFlags(workload), `--dir=${checkpointDir}`];
  const checkpoints: CheckpointRecord[] = [];
  let largest = 0;
  // Each checkpoint's file is measured as soon as the child says it is durable (old ones are deleted).
  const recordCheckpoints = (event: ChildEvent, events: readonly ChildEvent[]): void => {
    if (event.event !== "checkpointDurable") return;
    const bytes = newestCheckpointBytes(checkpointDir);
    largest = Math.max(largest, bytes);
    if (bytes >= options.targetCheckpointBytes) checkpoints.push(checkpointEndingWith(event, events, bytes));
  };
  const start = (extra: readonly string[] = []): RecoveryChildProcess =>
    new RecoveryChildProcess(
      options.childScript,
      [...args, `--interval=${intervalMillis}`, ...extra],
      options.nodeFlags,
      recordCheckpoints,
    );
  let verified = 0;
  let stateMismatches = 0;
  let firstStateMismatch: string | undefined;
  /** Counts the checks a run reported last (a killed run: at its last durable checkpoint). */
  const tally = (child: RecoveryChildProcess): void => {
    const last = [...child.seen()]
      .reverse()
      .find((e) => e.event === "checkpointDurable" || e.event === "drained");
    if (last?.event !== "checkpointDurable" && last?.event !== "drained") return;
    verified += last.verified;
    stateMismatches += last.mismatches;
    firstStateMismatch ??= last.firstMismatch;
  };
  /** SIGKILLs `child` at a random moment within one checkpoint interval from now. */
  const killSoon = async (child: RecoveryChildProcess): Promise<void> => {
    await new Promise((r) => setTimeout(r, random.nextDouble() * intervalMillis));
    await child.kill();
    tally(child);
  };

  /** Times the phases of restoring and rewriting the newest checkpoint, in a fresh process. */
  const measureAnatomy = async (): Promise<CheckpointAnatomy> => {
    const child = new RecoveryChildProcess(
      options.childScript,
      [...args, "--anatomy"],
      [...(options.nodeFlags ?? []), "--expose-gc"],
    );
    const { event } = await child.next("anatomy");
    await child.exitedCleanly();
    return event.anatomy;
  };
  let anatomy: CheckpointAnatomy | undefined;

  const first = start();
  let fillMs = 0;
  for (let from = 0; fillMs === 0;) {
    const { event, index } = await first.next("checkpointDurable", from);
    from = index + 1;
    log(`filling: checkpoint of ${(largest / 2 ** 20).toFixed(1)} MiB at offset ${event.offset}`);
    if (largest >= options.targetCheckpointBytes) fillMs = event.at - first.spawnedAt;
  }
  await killSoon(first);

  const restarts: RestartRecord[] = [];
  let end = 0;
  for (let r = 1; r <= options.kills; r++) {
    const last = r === options.kills;
    // Before the last restart, whose stream ends and whose state is then cleared.
    if (last && options.anatomy) anatomy = await measureAnatomy();
    const restoredBytes = newestCheckpointBytes(checkpointDir);
    const child = start(last ? [`--finish-after=${options.finishAfter}`, `--output=${outputFile}`] : []);
    const started = await child.next("started");
    const restored = await child.next("restored");
    const firstBundle = await child.next("firstBundle");
    const checkpoint = await child.next("checkpointDurable");
    const restart: RestartRecord = {
      restoredBytes,
      restoredOffset: restored.event.offset,
      startedMs: started.event.at - child.spawnedAt,
      restoredMs: restored.event.at - child.spawnedAt,
      firstBundleMs: firstBundle.event.at - child.spawnedAt,
      firstCheckpointMs: checkpoint.event.at - child.spawnedAt,
    };
    restarts.push(restart);
    log(
      `restart ${r}: ${(restoredBytes / 2 ** 20).toFixed(1)} MiB at offset ${restart.restoredOffset}; ` +
        `restored ${restart.restoredMs.toFixed(0)} ms, first bundle ${restart.firstBundleMs.toFixed(0)} ms, ` +
        `first checkpoint ${restart.firstCheckpointMs.toFixed(0)} ms`,
    );
    if (last) {
      end = (await child.next("drained")).event.end;
      await child.exitedCleanly();
      tally(child);
    } else {
      await killSoon(child);
    }
  }

  const output = JSON.parse(readFileSync(outputFile, "utf8")) as KeySummary[];
  const outputDifferences = compareWithOracle(output, expectedSummaries(workload, end));
  log(
    `drained at offset ${end}: ${output.length} keys, ${outputDifferences.length} difference(s) from the oracle`,
  );
  return {
    workload,
    intervalMillis,
    fillMs,
    restarts,
    checkpoints,
    end,
    verified,
    stateMismatches,
    firstStateMismatch,
    outputKeys: output.length,
    outputDifferences,
    ...(anatomy && { anatomy }),
  };
}
