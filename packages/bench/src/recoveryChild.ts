/**
 * The child process of the recovery measurement (`dist/recovery-child.js`), started and killed
 * by `dist/recovery.js`:
 *
 *   node dist/recovery-child.js --dir=CHECKPOINTS [--interval=5000] [--finish-after=N --output=FILE]
 *   node --expose-gc dist/recovery-child.js --anatomy --dir=CHECKPOINTS
 *   workload flags (both): --keys=100000 --recent=16 --payload=64
 *
 * The first form runs the pipeline (restoring the newest checkpoint), printing ChildEvent lines;
 * the second times the phases of restoring and rewriting the newest checkpoint, printing one
 * CheckpointAnatomy line.
 */
import { writeSync } from "node:fs";
import { parseFlags } from "./harness/Measurement";
import { preciseNow, type ChildEvent } from "./recovery/ChildEvent";
import { measureCheckpointAnatomy } from "./recovery/measureCheckpointAnatomy";
import { runRecoveryChild } from "./recovery/runRecoveryChild";
import { workloadFromFlags } from "./recovery/RecoveryWorkload";

const flags = parseFlags(process.argv.slice(2));
const directory = flags.get("dir");
const workload = workloadFromFlags(flags);

async function main(): Promise<void> {
  if (directory === undefined) throw new Error("recovery-child: --dir=CHECKPOINT_DIRECTORY is required");
  if (flags.has("anatomy")) {
    const anatomy = await measureCheckpointAnatomy(directory, workload);
    const event: ChildEvent = { event: "anatomy", at: preciseNow(), anatomy };
    writeSync(1, `${JSON.stringify(event)}\n`);
    return;
  }
  const finishAfter = flags.get("finish-after");
  const output = flags.get("output");
  await runRecoveryChild({
    workload,
    directory,
    intervalMillis: Number(flags.get("interval") ?? 5000),
    ...(finishAfter !== undefined && { finishAfter: Number(finishAfter) }),
    ...(output !== undefined && { output }),
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(
      `recovery-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
