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
 *
 * With `--instructions` it counts instead of timing: the machine instructions each version's run
 * executes per input event, under valgrind's callgrind (valgrind must be installed), with V8
 * single-threaded and predictable, so the count is the same from one run to the next however busy
 * the machine is. A run is counted at `--events` and at three times as many, less the same
 * child's count for generating the input alone: (I(3N) − I(N)) / 2N leaves out start-up and
 * JIT compilation, which do not grow with the stream. The figure compared is the program's own
 * code (JavaScript and V8's builtins, without the write barrier); the count with the garbage
 * collector and the compiler moves by a few percent with where collections happen to fall, and
 * is printed below it. Instructions are not time (a cache miss costs none): this judges changes
 * that remove work, and timed runs judge the rest.
 *
 *   node dist/ab.js --instructions --revs=HEAD~1,HEAD --targets=Q0,Q12 --events=300000
 */
import { execFile, execFileSync, execSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { childArgv, parseFlags, type ChildArgs } from "./harness/Measurement";
import { countInstructions, parsePerfMap, type InstructionCount } from "./harness/instructionCounts";
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
  if (flags.get("instructions") === "true") {
    await compareInstructions(versions, targets, events, bundleSize, withBaseline, timeout);
    return;
  }
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

/**
 * The instructions valgrind's callgrind counted in one child run of `script`, in all and in the
 * program's own code (see `instructionCounts`): the child runs in a scratch directory with V8's
 * perf map on, which names its generated code.
 */
async function instructionsOf(
  script: string,
  args: ChildArgs,
  extra: readonly string[],
  timeoutSec: number,
): Promise<InstructionCount> {
  const dir = mkdtempSync(join(tmpdir(), "ab-instructions-"));
  const out = join(dir, "callgrind.out");
  const argv = [
    "--tool=callgrind",
    "--dump-instr=yes",
    `--callgrind-out-file=${out}`,
    process.execPath,
    "--single-threaded",
    "--predictable",
    "--perf-basic-prof",
    "--max-semi-space-size=64",
    script,
    ...childArgv(args),
    "--settle-ms=0",
    ...extra,
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        "valgrind",
        argv,
        { cwd: dir, timeout: timeoutSec * 1000, maxBuffer: 1 << 26 },
        (error, _o, err) => {
          if (error)
            reject(new Error(`valgrind ${args.target} ${args.mode}: ${error.message} ${err.slice(-500)}`));
          else resolve();
        },
      );
    });
    const text = readFileSync(out, "utf8");
    const pid = /^pid: (\d+)/m.exec(text)?.[1];
    const map = join(tmpdir(), `perf-${pid}.map`);
    const ranges = existsSync(map) ? parsePerfMap(readFileSync(map, "utf8")) : [];
    rmSync(map, { force: true });
    return countInstructions(text, ranges);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `jobs` two at a time (the machine's cores), in order. */
async function inPairs<T>(jobs: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < jobs.length; i += 2)
    results.push(...(await Promise.all(jobs.slice(i, i + 2).map((j) => j()))));
  return results;
}

/** `--instructions`: instructions per input event of each version's run (see the top of this file). */
async function compareInstructions(
  versions: readonly Version[],
  targets: readonly string[],
  events: number,
  bundleSize: number,
  withBaseline: boolean,
  timeout: number,
): Promise<void> {
  const sizes = [events, 3 * events];
  process.stdout.write(`instructions per event, counted at ${sizes.join(" and ")} events (valgrind)\n`);
  for (const target of targets) {
    if (target.startsWith("example:")) throw new Error("--instructions counts the Nexmark queries only");
    const columns = [
      ...versions.map((v) => ({ label: v.label, build: v.build, mode: "pipeline" as const })),
      ...(withBaseline ? [{ label: "baseline", build: versions[0]!.build, mode: "baseline" as const }] : []),
    ];
    const args = (mode: "pipeline" | "baseline", n: number): ChildArgs => ({
      target,
      mode,
      events: n,
      bundleSize,
      seed: 1,
      input: "pregenerated",
      probeEvery: 0,
    });
    // The input's generation alone, the same bench code in every version's build.
    const generation = versions[0]!.build;
    const jobs = [
      ...sizes.map(
        (n) => () =>
          instructionsOf(join(generation, "child.js"), args("pipeline", n), ["--skip-run"], timeout),
      ),
      ...columns.flatMap((c) =>
        sizes.map((n) => () => instructionsOf(join(c.build, "child.js"), args(c.mode, n), [], timeout)),
      ),
    ];
    const counts = await inPairs(jobs);
    /** Per input event of the run: the count at 3N less that at N, less generation's growth. */
    const perEvent = (i: number, part: keyof InstructionCount): number =>
      (counts[i + 1]![part] - counts[i]![part] - (counts[1]![part] - counts[0]![part])) /
      (sizes[1]! - sizes[0]!);
    const cell = (part: keyof InstructionCount): string[] => {
      const first = perEvent(2, part);
      return columns.map((c, k) => {
        const x = perEvent(2 + 2 * k, part);
        const change =
          k === 0
            ? ""
            : ` (${x >= first ? "+" : ""}${(x - first).toFixed(1)}, ${((x / first - 1) * 100).toFixed(1)}%)`;
        return `${c.label} ${x.toFixed(1)}${change}`;
      });
    };
    const cells = cell("program");
    process.stdout.write(
      `${target}: ${cells.join("  ")}\n  all (with GC and compiler): ${cell("total").join("  ")}\n`,
    );
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
