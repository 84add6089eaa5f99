/**
 * The controller of the exactly-once kill test: publishes the events, runs the pipeline as a
 * child process, kills it with SIGKILL at random moments and at every failpoint (restarting it
 * each time), lets a final run drain, and compares the BigQuery tables with the batch oracle.
 * Used by exactlyOnce.integration.test.ts (CI) and longRun.ts (1,000,000 events, 50 kills).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BigQuery } from "@google-cloud/bigquery";
import { PubSub } from "@google-cloud/pubsub";
import type { FailpointName } from "@tributary/core";
import {
  CHUNK,
  COUNTS_TABLE,
  EVENT_SPACING_MS,
  eventAt,
  eventsOfKey,
  KEYS,
  oracleCounts,
  RAW_TABLE,
  T0,
} from "./events";

/** Where the emulators are. */
export interface KillTestEnvironment {
  readonly pubsubHost: string;
  readonly bigQuery: {
    readonly restEndpoint: string;
    readonly storageHost: string;
    readonly projectId: string;
  };
}

export interface KillTestOptions {
  /** Events to publish. */
  readonly events: number;
  /** SIGKILLs at random moments. */
  readonly randomKills: number;
  /** Failpoints to crash at once each (via TRIBUTARY_FAILPOINT). */
  readonly failpoints: readonly FailpointName[];
  /** The bundled child pipeline (pipeline.ts built by tsup). */
  readonly pipelineScript: string;
  /** Random kill delay after a start, uniform in [min, max] ms. */
  readonly killDelayMs?: readonly [number, number];
  readonly checkpointMillis?: number;
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
  /** Seed of the kill schedule (default 1). */
  readonly seed?: number;
}

/** One start of the pipeline. */
export interface RunRecord {
  readonly how: string;
  /** ms from spawn to the first checkpoint file newer than those at spawn (undefined: none before it died). */
  readonly firstCheckpointMs: number | undefined;
  readonly livedMs: number;
  /** Rows visible in the raw table when this run ended. */
  readonly rawRowsAfter: number;
  /** The pipeline's last report of elements dropped as late, if it dropped any. */
  readonly dropped?: string;
}

export interface KillTestReport {
  readonly events: number;
  readonly runs: readonly RunRecord[];
  /** Time from the first publish to the last. */
  readonly publishMs: number;
  readonly totalMs: number;
  readonly raw: {
    readonly rows: number;
    readonly distinctIds: number;
    readonly keysContiguous: number;
    readonly badKeys: readonly string[];
  };
  readonly counts: {
    readonly rows: number;
    readonly expectedRows: number;
    readonly mismatches: readonly string[];
  };
  /** Runs that reported elements dropped as late (each would make the counts differ from the oracle). */
  readonly runsThatDroppedLateData: readonly string[];
  /** Messages a fresh subscriber still received after the drain (must be 0: all acknowledged). */
  readonly unackedAfterDrain: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function exited0(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** A small deterministic PRNG (mulberry32), so a failing kill schedule can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function newestCheckpoint(dir: string): Promise<number> {
  let newest = 0;
  for (const f of await readdir(dir).catch(() => [] as string[])) {
    const m = /^checkpoint-(\d{12})\.bin$/.exec(f);
    if (m) newest = Math.max(newest, Number(m[1]));
  }
  return newest;
}

/** Runs the whole test and reports what the tables hold; the caller asserts. */
export async function runKillTest(
  envOf: KillTestEnvironment,
  options: KillTestOptions,
): Promise<KillTestReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const rng = random(options.seed ?? 1);
  const id = `${process.pid}_${Date.now().toString(36)}`;
  const dataset = `exo_${id}`;
  const pubsubProject = "kill-test";
  const pubsub = new PubSub({ projectId: pubsubProject, apiEndpoint: envOf.pubsubHost });
  const bigquery = new BigQuery({
    projectId: envOf.bigQuery.projectId,
    apiEndpoint: envOf.bigQuery.restEndpoint,
  });
  const [topic] = await pubsub.createTopic(`events-${id}`);
  await topic.createSubscription(`pipeline-${id}`, { ackDeadlineSeconds: 10 });
  await bigquery.createDataset(dataset);
  const checkpoints = await mkdtemp(join(tmpdir(), "tributary-kill-test-"));

  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    METADATA_SERVER_DETECTION: "none",
    BQ_PROJECT: envOf.bigQuery.projectId,
    BQ_REST: envOf.bigQuery.restEndpoint,
    BQ_STORAGE: envOf.bigQuery.storageHost,
    BQ_DATASET: dataset,
    PUBSUB_HOST: envOf.pubsubHost,
    PUBSUB_PROJECT: pubsubProject,
    PUBSUB_SUBSCRIPTION: `pipeline-${id}`,
    CHECKPOINT_DIR: checkpoints,
    CHECKPOINT_MS: String(options.checkpointMillis ?? 200),
  };
  delete childEnv["TRIBUTARY_FAILPOINT"];

  const rawRows = async (): Promise<number> => {
    try {
      const [rows] = await bigquery.query({ query: `SELECT COUNT(*) AS n FROM ${dataset}.${RAW_TABLE}` });
      return Number((rows as Record<string, unknown>[])[0]?.["n"] ?? 0);
    } catch {
      return 0; // the table is created by the first run's first write
    }
  };

  /** How many events below `boundary` are visible (all of them once it equals `boundary`). */
  const visibleBelow = async (boundary: number): Promise<number> => {
    try {
      const [rows] = await bigquery.query({
        query: `SELECT COUNT(*) AS n FROM ${dataset}.${RAW_TABLE} WHERE UNIX_MILLIS(ts) < ${T0 + boundary * EVENT_SPACING_MS}`,
      });
      return Number((rows as Record<string, unknown>[])[0]?.["n"] ?? 0);
    } catch {
      return 0;
    }
  };

  // The generator: publishes chunk k+1 once every event of chunk k-1 is visible (see CHUNK and
  // MAX_OUT_OF_ORDERNESS_MS: pstest delivers its backlog in random order, so only this bounds
  // the event-time disorder; a small backlog also keeps pstest, which scans its whole backlog
  // on every delivery round, fast).
  const publisher = pubsub.topic(`events-${id}`, { batching: { maxMessages: 1000, maxMilliseconds: 10 } });
  let published = 0;
  let publishStart = 0;
  let publishMs = 0;
  let publishError: Error | undefined;
  const publishing = (async () => {
    const chunk = CHUNK;
    while (published < options.events) {
      const mustBeVisible = Math.max(0, published - chunk);
      if (mustBeVisible > 0 && (await visibleBelow(mustBeVisible)) < mustBeVisible) {
        await sleep(200);
        continue;
      }
      if (published === 0) publishStart = Date.now();
      const batch: Promise<string>[] = [];
      for (let i = published; i < Math.min(options.events, published + chunk); i++) {
        const e = eventAt(i);
        batch.push(
          publisher.publishMessage({
            data: Buffer.from(JSON.stringify(e)),
            attributes: { ts: String(e.ts), eventId: e.eventId },
          }),
        );
      }
      await Promise.all(batch);
      published += batch.length;
    }
    publishMs = Date.now() - publishStart;
    log(`published ${options.events} events over ${publishMs} ms`);
  })().catch((e: unknown) => {
    publishError = e instanceof Error ? e : new Error(String(e));
  });

  const runs: RunRecord[] = [];
  /** Starts the pipeline; resolves when it exits, after `stop` (if given) ended it. */
  const runOnce = async (
    how: string,
    extraEnv: Record<string, string>,
    stop: (child: ChildProcess) => Promise<void>,
  ): Promise<void> => {
    const before = await newestCheckpoint(checkpoints);
    const spawned = Date.now();
    const child = spawn(process.execPath, [options.pipelineScript], {
      env: { ...childEnv, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const killOnExit = (): void => void child.kill("SIGKILL");
    process.once("exit", killOnExit); // never leave a pipeline behind if the controller dies
    void exited0(child).then(() => process.removeListener("exit", killOnExit));
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    let dropped: string | undefined;
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      for (let nl = stdout.indexOf("\n"); nl >= 0; nl = stdout.indexOf("\n")) {
        const line = stdout.slice(0, nl);
        stdout = stdout.slice(nl + 1);
        if (line.includes('"dropped"')) dropped = line;
      }
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    let firstCheckpointMs: number | undefined;
    let alive = true;
    void exited.then(() => (alive = false));
    void (async () => {
      while (alive && firstCheckpointMs === undefined) {
        if ((await newestCheckpoint(checkpoints)) > before) firstCheckpointMs = Date.now() - spawned;
        else await sleep(10);
      }
    })();
    await Promise.race([stop(child), exited]);
    const { code, signal } = await exited;
    const livedMs = Date.now() - spawned;
    if (signal !== "SIGKILL" && code !== 0)
      throw new Error(`pipeline run "${how}" failed (exit ${String(code)}, ${String(signal)}):\n${stderr}`);
    const rows = await rawRows();
    runs.push({ how, firstCheckpointMs, livedMs, rawRowsAfter: rows, ...(dropped ? { dropped } : {}) });
    log(
      `${how}: lived ${livedMs} ms, first checkpoint after ${String(firstCheckpointMs)} ms, raw rows ${rows}${dropped ? `, ${dropped}` : ""}`,
    );
  };

  const [minDelay, maxDelay] = options.killDelayMs ?? [4000, 16_000];
  const schedule: Array<{ how: string; env: Record<string, string> }> = [];
  for (let k = 0; k < options.randomKills; k++) schedule.push({ how: `kill -9 #${k + 1}`, env: {} });
  // Failpoints interleaved with random kills, so each crashes a run that has state to lose.
  options.failpoints.forEach((f, i) =>
    schedule.splice(Math.min(schedule.length, 1 + i * 2), 0, {
      how: `failpoint ${f}`,
      env: {
        TRIBUTARY_FAILPOINT: f,
        FAILPOINT_AFTER_MS: String(minDelay + Math.floor(rng() * (maxDelay - minDelay))),
      },
    }),
  );
  for (const s of schedule) {
    if (s.env["TRIBUTARY_FAILPOINT"]) {
      await runOnce(s.how, s.env, () => new Promise(() => undefined)); // it kills itself
    } else {
      const delay = minDelay + Math.floor(rng() * (maxDelay - minDelay));
      await runOnce(s.how, s.env, async (child) => {
        await sleep(delay);
        child.kill("SIGKILL");
      });
    }
  }

  // The final, uninterrupted run: once every event is visible, drain (SIGTERM): the watermark
  // goes to the end of time, the last windows fire, a final checkpoint commits them.
  // It also runs for longer than the ack deadline, so the redeliveries of what the killed runs
  // held have arrived (and been deduplicated and acknowledged) before it drains.
  await runOnce("final run (drain)", {}, async (child) => {
    const earliestDrain = Date.now() + 15_000;
    for (;;) {
      await sleep(500);
      if (publishError !== undefined) throw publishError;
      if (Date.now() >= earliestDrain && (await rawRows()) >= options.events) break;
    }
    child.kill("SIGTERM");
  });

  await publishing;
  const q = async (sql: string): Promise<Record<string, unknown>[]> =>
    (await bigquery.query({ query: sql }))[0] as Record<string, unknown>[];
  const [totals] = await q(
    `SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS d FROM ${dataset}.${RAW_TABLE}`,
  );
  const perKey = await q(
    `SELECT key, COUNT(*) AS n, COUNT(DISTINCT seq) AS d, MIN(seq) AS lo, MAX(seq) AS hi FROM ${dataset}.${RAW_TABLE} GROUP BY key`,
  );
  const badKeys: string[] = [];
  let contiguous = 0;
  const seen = new Map(perKey.map((r) => [String(r["key"]), r]));
  for (let j = 0; j < KEYS; j++) {
    const expected = eventsOfKey(j, options.events);
    if (expected === 0) continue;
    const r = seen.get(`k${j}`);
    const ok =
      r !== undefined &&
      Number(r["n"]) === expected &&
      Number(r["d"]) === expected &&
      Number(r["lo"]) === 0 &&
      Number(r["hi"]) === expected - 1;
    if (ok) contiguous++;
    else
      badKeys.push(
        `k${j}: ${r ? `n=${String(r["n"])} distinct=${String(r["d"])} seq ${String(r["lo"])}..${String(r["hi"])}` : "missing"}, expected ${expected}`,
      );
  }
  const countRows = await q(`SELECT key, UNIX_MILLIS(window_start) AS ws, n FROM ${dataset}.${COUNTS_TABLE}`);
  const oracle = oracleCounts(options.events);
  const mismatches: string[] = [];
  const got = new Map<string, number>();
  for (const r of countRows) {
    const k = `${String(r["key"])}|${String(r["ws"])}`;
    if (got.has(k)) mismatches.push(`${k}: more than one row`);
    got.set(k, Number(r["n"]));
  }
  for (const [k, n] of oracle)
    if (got.get(k) !== n) mismatches.push(`${k}: ${String(got.get(k))} != oracle ${n}`);
  for (const k of got.keys()) if (!oracle.has(k)) mismatches.push(`${k}: not in the oracle`);

  // Every message acknowledged: a fresh subscriber receives nothing.
  let unacked = 0;
  const check = pubsub.subscription(`pipeline-${id}`);
  check.on("message", (m: { ack(): void }) => {
    unacked++;
    m.ack();
  });
  await sleep(3000);
  await check.close();
  await pubsub.close();

  return {
    events: options.events,
    runs,
    publishMs,
    totalMs: Date.now() - started,
    raw: {
      rows: Number(totals?.["n"]),
      distinctIds: Number(totals?.["d"]),
      keysContiguous: contiguous,
      badKeys,
    },
    counts: { rows: countRows.length, expectedRows: oracle.size, mismatches },
    runsThatDroppedLateData: runs.flatMap((r) => (r.dropped ? [`${r.how}: ${r.dropped}`] : [])),
    unackedAfterDrain: unacked,
  };
}
