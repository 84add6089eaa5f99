/**
 * The recovery measurement (`pnpm --filter @tributary/bench recovery`): grows a stateful
 * pipeline's checkpoint to 100 MiB in a child process, SIGKILLs and restarts it (5 times by
 * default), times each recovery, checks the output against an uninterrupted oracle, and prints
 * the figures as Markdown.
 *
 *   node dist/recovery.js [--kills=5] [--interval=5000] [--target-mib=100] [--finish-after=1000000]
 *                         [--keys=100000 --recent=16 --payload=64] [--seed=1] [--write]
 *
 * --write saves results/recovery.json and results/recovery.md. Exits 1 if the output differs from
 * the oracle or any element found a wrong state.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseFlags } from "./harness/Measurement";
import { measureRecovery } from "./recovery/measureRecovery";
import { renderRecoveryReport } from "./recovery/renderRecoveryReport";
import { workloadFromFlags } from "./recovery/RecoveryWorkload";

declare const __BENCH_SOURCES__: string;

const DIST = dirname(fileURLToPath(import.meta.url));
const PACKAGE = dirname(DIST);
const log = (s: string): void => void process.stdout.write(s + "\n");

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const number = (name: string, fallback: number): number => {
    const value = Number(flags.get(name) ?? fallback);
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`--${name} must be a non-negative number`);
    return value;
  };
  const directory = mkdtempSync(join(tmpdir(), "tributary-recovery-"));
  const loadAtStart = loadavg()[0]!;
  try {
    const report = await measureRecovery({
      childScript: join(DIST, "recovery-child.js"),
      workload: workloadFromFlags(flags),
      directory,
      intervalMillis: number("interval", 5000),
      targetCheckpointBytes: number("target-mib", 100) * 2 ** 20,
      kills: number("kills", 5),
      finishAfter: number("finish-after", 1_000_000),
      anatomy: true,
      nodeFlags: ["--max-old-space-size=8192"],
      seed: number("seed", 1),
      log,
    });
    const conditions = {
      node: process.versions.node,
      cpus: cpus().length,
      loadAverage: [loadAtStart, loadavg()[0]!] as const,
      sources: __BENCH_SOURCES__,
    };
    const markdown = renderRecoveryReport(report, conditions);
    log("\n" + markdown);
    if (flags.has("write")) {
      mkdirSync(join(PACKAGE, "results"), { recursive: true });
      writeFileSync(
        join(PACKAGE, "results/recovery.json"),
        JSON.stringify({ conditions, report }, null, 2) + "\n",
      );
      writeFileSync(join(PACKAGE, "results/recovery.md"), markdown);
    }
    if (report.outputDifferences.length > 0 || report.stateMismatches > 0) process.exitCode = 1;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`recovery: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
