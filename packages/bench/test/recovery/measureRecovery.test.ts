import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureRecovery, type RecoveryReport } from "../../src/recovery/measureRecovery";

const PACKAGE = fileURLToPath(new URL("../..", import.meta.url));
const CHILD = join(PACKAGE, "node_modules/.recovery-test/recovery-child.js");
/** 2,000 keys × 4 payloads × 32 bytes: checkpoints grow to about 0.4 MiB over the first 8,000 events. */
const WORKLOAD = { keys: 2000, recentPerKey: 4, payloadBytes: 32 };
const KILLS = 3;

describe("measureRecovery on a small state", () => {
  let directory: string;
  let report: RecoveryReport;

  beforeAll(async () => {
    const built = spawnSync(join(PACKAGE, "../../node_modules/.bin/tsup"), [], {
      cwd: PACKAGE,
      env: { ...process.env, BENCH_BUILD: "recovery-test" },
      encoding: "utf8",
    });
    if (built.status !== 0)
      throw new Error(`building the recovery child failed:\n${built.stderr}${built.stdout}`);
    directory = mkdtempSync(join(tmpdir(), "tributary-recovery-test-"));
    report = await measureRecovery({
      childScript: CHILD,
      workload: WORKLOAD,
      directory,
      intervalMillis: 100,
      targetCheckpointBytes: 250_000,
      kills: KILLS,
      finishAfter: 30_000,
      anatomy: true,
    });
  }, 120_000);

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("restarts once per kill, each from a checkpoint of the target size, resuming where it stopped", () => {
    expect(report.restarts).toHaveLength(KILLS);
    for (const r of report.restarts) {
      expect(r.restoredBytes).toBeGreaterThanOrEqual(250_000);
      expect(r.startedMs).toBeLessThan(r.restoredMs);
      expect(r.restoredMs).toBeLessThan(r.firstBundleMs);
      expect(r.firstBundleMs).toBeLessThan(r.firstCheckpointMs);
    }
    // Offsets only move forward across restarts: each resumes from the newest checkpoint.
    const offsets = report.restarts.map((r) => r.restoredOffset);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
    // At the target size: the one that ended the fill and the first of each restart but the last.
    // The last run's 30,000 events may drain before its first checkpoint, whose state the end of
    // the stream has then cleared, so it need not reach the target.
    expect(report.checkpoints.length).toBeGreaterThanOrEqual(KILLS);
  });

  it("restores exactly the checkpointed state: every element finds the state an uninterrupted run would have", () => {
    expect(report.firstStateMismatch).toBeUndefined();
    expect(report.stateMismatches).toBe(0);
    // Every offset was checked at least once (those after a run's last checkpoint again after its restart).
    expect(report.verified).toBeGreaterThanOrEqual(report.end);
  });

  it("outputs what an uninterrupted run outputs", () => {
    expect(report.end).toBe(report.restarts.at(-1)!.restoredOffset + 30_000);
    expect(report.outputKeys).toBe(WORKLOAD.keys);
    expect(report.outputDifferences).toEqual([]);
  });

  it("times each phase of restoring and rewriting the last checkpoint", () => {
    const anatomy = report.anatomy!;
    expect(anatomy.payloadBytes).toBeGreaterThanOrEqual(250_000);
    for (const phase of [
      anatomy.read,
      anatomy.decode,
      anatomy.restore,
      anatomy.snapshotEncode,
      anatomy.write,
    ])
      expect(phase.wallMs).toBeGreaterThan(0);
    expect(anatomy.restoredHeapBytes).toBeGreaterThan(0);
  });
});
