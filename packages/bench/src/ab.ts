/**
 * Compares runner versions (`pnpm --filter @tributary/bench ab`): builds the bench child from
 * each git revision's core and examples (or from the working tree), then runs the targets
 * interleaved — round by round, each target on each version in turn, a fresh child per run — so
 * that a slow or fast spell of the machine falls on every version alike. Prints each version's
 * median events/s, its runs, and its change against the first version.
 *
 *   node dist/ab.js --revs=HEAD~1,HEAD --targets=Q11,Q12 --events=3000000 --runs=5
 *   flags: --revs=<rev>,worktree,...  --targets=Q5,example:fraud  --events=2000000  --runs=5
 *          --baseline (also the queries' hand-written baselines, once per round)  --bundle=1000
 *          --semi-space=64  --timeout=600
 */
import { execFileSync, execSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseFlags, type ChildArgs } from "./harness/Measurement";
import { runChild } from "./harness/runChild";
import { median } from "./report/stats";

const PACKAGE = dirname(dirname(fileURLToPath(import.meta.url)));
const REPO = dirname(dirname(PACKAGE));
/** Sources and builds live under the package's node_modules, where the builds find their dependencies. */
const WORK = join(PACKAGE, "node_modules", ".ab");
/** What a child bundles: core and examples with their package.json files (see README, "a fixed tree"). */
const SOURCE_PATHS = [
  "packages/core/src",
  "packages/core/package.json",
  "packages/examples/src",
  "packages/examples/package.json",
];

interface Version {
  readonly label: string;
  readonly build: string;
}

/** Extracts `rev`'s sources (or copies the working tree's) and builds the children from them. */
function prepare(rev: string, withExamples: boolean): Version {
  const label =
    rev === "worktree"
      ? "worktree"
      : execFileSync("git", ["rev-parse", "--short", rev], { cwd: REPO, encoding: "utf8" }).trim();
  const sources = join(WORK, `src-${label}`);
  const build = join(WORK, `build-${label}`);
  rmSync(sources, { recursive: true, force: true });
  rmSync(build, { recursive: true, force: true });
  mkdirSync(sources, { recursive: true });
  if (rev === "worktree") {
    for (const path of SOURCE_PATHS)
      cpSync(join(REPO, path), join(sources, path.replace(/^packages\//, "")), { recursive: true });
  } else {
    execSync(`git archive ${label} ${SOURCE_PATHS.join(" ")} | tar -x -C "${sources}" --strip-components=1`, {
      cwd: REPO,
    });
  }
  // The package's own tsup, or the workspace's where pnpm hoisted it.
  const tsup = [PACKAGE, REPO].map((d) => join(d, "node_modules", ".bin", "tsup")).find((b) => existsSync(b));
  if (!tsup) throw new Error("tsup not found: run pnpm install first");
  const env = { ...process.env, BENCH_SOURCES: sources, BENCH_SOURCES_LABEL: `git ${label}` };
  execFileSync(tsup, ["--silent", "--out-dir", build], { cwd: PACKAGE, env, stdio: "inherit" });
  if (withExamples)
    execFileSync(tsup, ["--silent", "--out-dir", build, "--no-clean"], {
      cwd: PACKAGE,
      env: { ...env, BENCH_BUILD: "examples" },
      stdio: "inherit",
    });
  return { label, build };
}

const millions = (x: number): string => `${(x / 1e6).toFixed(3)}M`;

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const revs = (flags.get("revs") ?? "HEAD,worktree").split(",");
  const targets = (flags.get("targets") ?? "Q5,Q11").split(",");
  const events = Number(flags.get("events") ?? 2_000_000);
  const runs = Number(flags.get("runs") ?? 5);
  const bundleSize = Number(flags.get("bundle") ?? 1000);
  const timeout = Number(flags.get("timeout") ?? 600);
  const semiSpace = Number(flags.get("semi-space") ?? 64);
  const withBaseline = flags.get("baseline") === "true";
  // The report's flags (run.ts): the same for every version and the baseline.
  const nodeFlags = [
    "--max-old-space-size=12288",
    "--expose-gc",
    ...(semiSpace > 0 ? [`--max-semi-space-size=${semiSpace}`] : []),
  ];

  const versions = revs.map((rev) =>
    prepare(
      rev,
      targets.some((t) => t.startsWith("example:")),
    ),
  );
  const columns = [...versions.map((v) => v.label), ...(withBaseline ? ["baseline"] : [])];
  const perSecond = new Map<string, number[]>();
  const perCpuSecond = new Map<string, number[]>();
  const record = (key: string, wall: number, cpu: number): void => {
    perSecond.set(key, [...(perSecond.get(key) ?? []), wall]);
    perCpuSecond.set(key, [...(perCpuSecond.get(key) ?? []), cpu]);
  };

  for (let round = 1; round <= runs; round++) {
    for (const target of targets) {
      for (const column of columns) {
        const baseline = column === "baseline";
        if (baseline && target.startsWith("example:")) continue; // the examples have no baseline
        const version = baseline ? versions[0]! : versions.find((v) => v.label === column)!;
        const script = join(version.build, target.startsWith("example:") ? "child-examples.js" : "child.js");
        const args: ChildArgs = {
          target,
          mode: baseline ? "baseline" : "pipeline",
          events,
          bundleSize,
          seed: 1,
          input: "pregenerated",
          probeEvery: 0,
        };
        const { measurement: m, failure } = await runChild(script, nodeFlags, args, timeout);
        if (!m) throw new Error(`${target} on ${column}: ${failure}`);
        record(`${target} ${column}`, m.eventsPerSecond, m.events / (m.cpuSeconds ?? Number.NaN));
        process.stdout.write(
          `round ${round}/${runs} ${target} ${column} ${millions(m.eventsPerSecond)} ev/s\n`,
        );
      }
    }
  }

  process.stdout.write(`\n${events} events, ${runs} interleaved runs each; medians (runs in brackets)\n`);
  for (const target of targets) {
    const first = median(perSecond.get(`${target} ${columns[0]}`)!);
    const measured = columns.filter((c) => perSecond.has(`${target} ${c}`));
    const cells = measured.map((column) => {
      const wall = perSecond.get(`${target} ${column}`)!;
      const m = median(wall);
      // A version's change against the first; the baseline as a multiple of the first (baseline ÷ pipeline).
      const change =
        column === columns[0]
          ? ""
          : column === "baseline"
            ? ` (${(m / first).toFixed(2)}× ${columns[0]})`
            : ` (${m >= first ? "+" : ""}${((m / first - 1) * 100).toFixed(1)}%)`;
      return `${column} ${millions(m)}${change} [${wall.map((x) => (x / 1e6).toFixed(2)).join(" ")}]`;
    });
    const cpu = measured.map((c) => `${c} ${millions(median(perCpuSecond.get(`${target} ${c}`)!))}`);
    process.stdout.write(`${target}: ${cells.join("  ")}\n  per CPU-second: ${cpu.join("  ")}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
