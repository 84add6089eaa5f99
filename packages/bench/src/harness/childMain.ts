import { writeSync } from "node:fs";
import { parseFlags, type ChildArgs, type InputMode, type Measurement } from "./Measurement";

/**
 * The body of a measuring child process: parses its flags, calls `prepare` (which generates the
 * input, untimed, and returns the run; with `--input=streamed` it only sets up the generator,
 * and generation is part of the run), forces a GC, waits for V8's work after it to end
 * ({@link settle}), times the run and prints one JSON {@link Measurement} line on stdout. Exits 1
 * with the stack on stderr if anything throws.
 * @public
 */
export function childMain(
  prepare: (args: ChildArgs, onRead: ((eventsRead: number) => void) | undefined) => () => Promise<number>,
): void {
  const flags = parseFlags(process.argv.slice(2));
  const args: ChildArgs = {
    target: flags.get("target") ?? "Q0",
    mode: flags.get("mode") === "baseline" ? "baseline" : "pipeline",
    events: Number(flags.get("events") ?? 100_000),
    bundleSize: Number(flags.get("bundle") ?? 1000),
    seed: Number(flags.get("seed") ?? 1),
    input: inputMode(flags.get("input") ?? "pregenerated"),
    probeEvery: Number(flags.get("probe-every") ?? 0),
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  let peakLiveHeap = 0;
  let nextProbe = args.probeEvery;
  const liveHeap = (): number => {
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const onRead =
    args.probeEvery > 0
      ? (eventsRead: number): void => {
          if (eventsRead < nextProbe) return;
          nextProbe += args.probeEvery;
          peakLiveHeap = Math.max(peakLiveHeap, liveHeap());
        }
      : undefined;
  const main = async (): Promise<void> => {
    const genStart = performance.now();
    const run = prepare(args, onRead);
    const generateSeconds = (performance.now() - genStart) / 1000;
    const inputHeap = liveHeap();
    // Counting instructions (`ab --instructions`): `--settle-ms=0` skips the wait, and
    // `--skip-run` generates the input only, so a run's count less this one is the run's own.
    await settle(Number(flags.get("settle-ms") ?? 10_000));
    if (flags.get("skip-run") === "true") return;
    const rssBeforeRun = process.memoryUsage().rss;
    const micros = (): number => Number(process.hrtime.bigint() / 1000n);
    const runStartMicros = micros();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const outputs = await run();
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const runEndMicros = micros();
    const m: Measurement = {
      ...args,
      seconds,
      eventsPerSecond: args.events / seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      outputs,
      generateSeconds,
      runStartMicros,
      runEndMicros,
      rssBeforeRun,
      peakRss: process.resourceUsage().maxRSS * 1024,
      nodeFlags: process.execArgv,
      ...(onRead && { inputHeap, peakLiveHeap }),
    };
    writeSync(1, JSON.stringify(m) + "\n");
  };
  main().catch((e: unknown) => {
    writeSync(2, `${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}

function inputMode(flag: string): InputMode {
  if (flag === "pregenerated" || flag === "streamed") return flag;
  throw new Error(`--input must be pregenerated or streamed, got ${flag}`);
}

/**
 * Waits until the process has been idle for a while (at most `maxMs`): a forced GC of a large
 * pre-generated input leaves V8 sweeping it on helper threads for a second or more, and a run
 * timed meanwhile competes with that work for the machine. At 10M events it took a loop that
 * only counts its input from about 3.5 to about 30 ns per event, and the pipelines about twice
 * their settled time per event: a fixed cost added to both sides, which made the baselines look
 * closer to the pipelines than they are.
 */
async function settle(maxMs = 10_000): Promise<void> {
  if (maxMs <= 0) return;
  const windowMs = 100;
  const deadline = performance.now() + maxMs;
  for (;;) {
    const cpu = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const used = process.cpuUsage(cpu);
    // Busy for under 5% of the window, on all threads together: V8 is done.
    if ((used.user + used.system) / 1000 < windowMs * 0.05 || performance.now() > deadline) return;
  }
}
