import { median } from "../report/stats";
import type { RecoveryReport } from "./measureRecovery";

/** Where and how a measurement ran, for the report's heading. @public */
export interface RecoveryConditions {
  readonly node: string;
  readonly cpus: number;
  /** 1-minute load averages when the measurement started and ended. */
  readonly loadAverage: readonly [number, number];
  readonly sources: string;
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const ms = (x: number): string => x.toFixed(0);
/** "median [min–max]" of `xs`. */
const spread = (xs: readonly number[], format: (x: number) => string = ms): string =>
  xs.length === 0 ? "—" : `${format(median(xs))} [${format(Math.min(...xs))}–${format(Math.max(...xs))}]`;

/**
 * The measurement as Markdown: conditions, one row per restart and their medians and ranges, the
 * checkpoints at the target size, the phases of one restore and rewrite, and the correctness checks.
 * @public
 */
export function renderRecoveryReport(report: RecoveryReport, conditions: RecoveryConditions): string {
  const { workload, restarts, checkpoints, anatomy } = report;
  const lines = [
    `State: ${workload.keys.toLocaleString("en-US")} keys × ${workload.recentPerKey} payloads × ` +
      `${workload.payloadBytes} bytes in the global window, in-memory state backend; checkpoint every ` +
      `${report.intervalMillis} ms (from the end of one to the start of the next). Node ${conditions.node}, ` +
      `${conditions.cpus} cores shared with other jobs (load average ${conditions.loadAverage[0].toFixed(1)} at ` +
      `the start, ${conditions.loadAverage[1].toFixed(1)} at the end); sources: ${conditions.sources}.`,
    "",
    `Times in ms from the spawn of the restarted process (after SIGKILL), median [min–max] of ${restarts.length} restarts.`,
    "",
    "| restart | checkpoint restored | Node started | state restored | first bundle | first new checkpoint durable |",
    "|---:|---:|---:|---:|---:|---:|",
    ...restarts.map(
      (r, i) =>
        `| ${i + 1} | ${mib(r.restoredBytes)} | ${ms(r.startedMs)} | ${ms(r.restoredMs)} | ${ms(r.firstBundleMs)} | ${ms(r.firstCheckpointMs)} |`,
    ),
    `| **median [range]** | ${spread(
      restarts.map((r) => r.restoredBytes),
      mib,
    )} | ${spread(restarts.map((r) => r.startedMs))} | ${spread(restarts.map((r) => r.restoredMs))} | ${spread(
      restarts.map((r) => r.firstBundleMs),
    )} | ${spread(restarts.map((r) => r.firstCheckpointMs))} |`,
    "",
    `Checkpoints of at least the target size, over all runs (${checkpoints.length}): size ` +
      `${spread(
        checkpoints.map((c) => c.bytes),
        mib,
      )}; snapshot + encode + write + fsync ${spread(checkpoints.map((c) => c.fileWrittenMs))} ms; ` +
      `until durable (rename, directory fsync) ${spread(checkpoints.map((c) => c.durableMs))} ms. ` +
      `The first run took ${ms(report.fillMs)} ms to reach the target size.`,
  ];
  if (anatomy) {
    const row = (name: string, p: { wallMs: number; cpuMs: number }): string =>
      `| ${name} | ${ms(p.wallMs)} | ${ms(p.cpuMs)} |`;
    lines.push(
      "",
      `One restore and rewrite of a ${mib(anatomy.payloadBytes)} checkpoint, phase by phase, in a fresh process` +
        (anatomy.restoredHeapBytes === undefined
          ? ":"
          : ` (the restored state holds ${mib(anatomy.restoredHeapBytes)} of live heap):`),
      "",
      "| phase | wall ms | CPU ms |",
      "|---|---:|---:|",
      row("read file + SHA-256 check", anatomy.read),
      row("decode (structuralCoder)", anatomy.decode),
      row("restore (decode + load the state backend)", anatomy.restore),
      row("snapshot + encode (a running pipeline's checkpoint)", anatomy.snapshotEncode),
      row("write + fsync + rename + directory fsync", anatomy.write),
    );
  }
  lines.push(
    "",
    `Correctness: the last run drained at offset ${report.end.toLocaleString("en-US")}; its output ` +
      `(${report.outputKeys.toLocaleString("en-US")} keys) ` +
      (report.outputDifferences.length === 0
        ? "equals the uninterrupted oracle's"
        : `differs from the oracle's: ${report.outputDifferences.join("; ")}`) +
      `. ${report.verified.toLocaleString("en-US")} elements checked the state they found against the expected state: ` +
      (report.stateMismatches === 0
        ? "no mismatch."
        : `${report.stateMismatches} mismatches, the first ${report.firstStateMismatch ?? ""}.`),
  );
  return lines.join("\n") + "\n";
}
