import { writeFileSync, writeSync } from "node:fs";
import { Runner, type FailpointName } from "@tributary/core";
import { preciseNow, type ChildEvent } from "./ChildEvent";
import { newStateChecks } from "./recentEventsFn";
import { recoveryPipeline } from "./recoveryPipeline";
import type { RecoveryWorkload } from "./RecoveryWorkload";

/** How the controller starts one run of the recovery pipeline. @public */
export interface RecoveryChildOptions {
  readonly workload: RecoveryWorkload;
  /** The checkpoint directory: restored from at start, written to every `intervalMillis`. */
  readonly directory: string;
  readonly intervalMillis: number;
  /** When set, the stream ends this many events after the offset it resumes at. */
  readonly finishAfter?: number;
  /** Where the key summaries go (JSON array) once the stream ends. */
  readonly output?: string;
}

/**
 * One process's run of the recovery pipeline: restores the newest checkpoint in `directory`,
 * runs (endless unless `finishAfter`), checkpoints periodically, and prints a {@link ChildEvent}
 * line on stdout at each moment the controller measures. It is meant to be killed with SIGKILL.
 * @public
 */
export async function runRecoveryChild(options: RecoveryChildOptions): Promise<void> {
  const print = (e: ChildEvent): void => void writeSync(1, `${JSON.stringify(e)}\n`);
  print({ event: "started", at: preciseNow() });
  const checks = newStateChecks();
  const progress = () => ({
    verified: checks.verified,
    mismatches: checks.mismatches,
    ...(checks.firstMismatch !== undefined && { firstMismatch: checks.firstMismatch }),
  });
  let end = Infinity;
  const finishAfter = options.finishAfter;
  const { pipeline, summaries } = recoveryPipeline(
    options.workload,
    checks,
    finishAfter === undefined ? undefined : (openedAt) => (end = openedAt + finishAfter),
    {
      opened: (offset) => print({ event: "restored", at: preciseNow(), offset }),
      checkpointDurable: (offset) =>
        print({ event: "checkpointDurable", at: preciseNow(), offset, ...progress() }),
    },
  );
  let bundles = 0;
  const failpoint = (name: FailpointName): void => {
    if (name === "after-receive" && bundles++ === 0) print({ event: "firstBundle", at: preciseNow() });
    else if (name === "before-checkpoint") print({ event: "checkpointStarted", at: preciseNow() });
    else if (name === "during-checkpoint-write") print({ event: "checkpointFileWritten", at: preciseNow() });
  };
  const runner = new Runner(pipeline, {
    checkpoints: { directory: options.directory, intervalMillis: options.intervalMillis },
    collect: [summaries],
    collectLeaves: false,
    failpoint,
  });
  const result = await runner.run();
  if (options.output !== undefined) writeFileSync(options.output, JSON.stringify(result.values(summaries)));
  print({ event: "drained", at: preciseNow(), end, ...progress() });
}
