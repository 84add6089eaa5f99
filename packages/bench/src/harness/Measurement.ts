/** What one child process measured. @public */
export interface Measurement {
  /** "Q5", or "example:fraud". */
  readonly target: string;
  readonly mode: "pipeline" | "baseline";
  readonly events: number;
  readonly bundleSize: number;
  /**
   * How the input was read: pre-generated into arrays before the run (absent in measurements
   * saved before streamed runs existed), or streamed — generated batch by batch during the run,
   * so `seconds` includes generation and `peakRss` leaves the input out.
   */
  readonly input?: InputMode;
  /** Wall time of the run alone (input already generated), seconds. */
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /**
   * CPU time of the run, user and system, all of the process's threads (GC helpers included),
   * seconds. Unlike `seconds` it leaves out time the machine gave to other work (a virtual
   * machine's stolen time), so it varies less between runs; absent in older measurements.
   */
  readonly cpuSeconds?: number;
  /** Outputs written: pipeline and baseline must agree. */
  readonly outputs: number;
  /** Time to pre-generate the input, seconds (not part of `seconds`). */
  readonly generateSeconds: number;
  /** RSS once the input was generated, just before the run, bytes. */
  readonly rssBeforeRun: number;
  /** Peak RSS of the process (`process.resourceUsage().maxRSS`), bytes. */
  readonly peakRss: number;
  /** Monotonic clock (µs, the clock of `--cpu-prof` samples) at the start and end of the run. */
  readonly runStartMicros: number;
  readonly runEndMicros: number;
  /** Memory runs only (`--probe-every`): live heap after a forced GC once the input is generated. */
  readonly inputHeap?: number;
  /** Memory runs only: the largest live heap (forced GC) seen at the probes during the run. */
  readonly peakLiveHeap?: number;
  /** The child's Node flags (`process.execArgv`); absent in measurements saved before they were recorded. */
  readonly nodeFlags?: readonly string[];
}

/**
 * How a child reads its input: "pregenerated" (arrays generated before the clock starts, for
 * throughput) or "streamed" (generated batch by batch as read, for peak RSS). @public
 */
export type InputMode = "pregenerated" | "streamed";

/** The arguments of a child run. @public */
export interface ChildArgs {
  readonly target: string;
  readonly mode: "pipeline" | "baseline";
  readonly events: number;
  readonly bundleSize: number;
  readonly seed: number;
  readonly input: InputMode;
  /** Memory runs: force a GC and sample the live heap every this many input events (0: never). */
  readonly probeEvery: number;
}

/** Renders child arguments as a command line. @public */
export function childArgv(a: ChildArgs): string[] {
  return [
    `--target=${a.target}`,
    `--mode=${a.mode}`,
    `--events=${a.events}`,
    `--bundle=${a.bundleSize}`,
    `--seed=${a.seed}`,
    ...(a.input === "streamed" ? ["--input=streamed"] : []),
    ...(a.probeEvery > 0 ? [`--probe-every=${a.probeEvery}`] : []),
  ];
}

/** Parses `--name=value` flags. @public */
export function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unexpected argument ${a}; flags look like --name or --name=value`);
    flags.set(m[1]!, m[2] ?? "true");
  }
  return flags;
}
