/**
 * The pipeline the exactly-once kill test runs as a child process (bundled with tsup, run by
 * Node 20): Pub/Sub → raw events table, and → per-key counts in fixed one-minute event-time
 * windows → counts table; both tables written exactly-once (two-phase commit with the
 * runner's checkpoints). SIGTERM drains: stop taking messages, finish, final checkpoint, exit.
 *
 * Configuration comes from the environment (see `main`); TRIBUTARY_FAILPOINT makes it SIGKILL
 * itself at a named point (core's environmentFailpoint) — at the first time the point is reached
 * after FAILPOINT_AFTER_MS (default 0), so that the crash hits a run with work in flight.
 */
import {
  combinePerKey,
  combiners,
  environmentFailpoint,
  fixedWindows,
  kv,
  minutes,
  Pipeline,
  Runner,
  windowInto,
  type FailpointName,
  type IntervalWindow,
} from "@tributary/core";
import { readPubsub } from "@tributary/io-pubsub";
import { bigQueryBackend, writeBigQuery } from "@tributary/io-bigquery";
import {
  COUNTS_TABLE,
  countsSchema,
  MAX_OUT_OF_ORDERNESS_MS,
  RAW_TABLE,
  rawSchema,
  WINDOW_MS,
  type KillTestEvent,
} from "./events";

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`pipeline: set ${name}`);
  return v;
}

async function main(): Promise<void> {
  const drain = new AbortController();
  process.once("SIGTERM", () => drain.abort());
  const backend = bigQueryBackend({
    projectId: env("BQ_PROJECT"),
    apiEndpoint: env("BQ_REST"),
    storageHost: env("BQ_STORAGE"),
  });
  const dataset = env("BQ_DATASET");
  const p = Pipeline.create();
  const { messages } = p.apply(
    "ReadEvents",
    readPubsub<KillTestEvent>({
      subscription: env("PUBSUB_SUBSCRIPTION"),
      projectId: env("PUBSUB_PROJECT"),
      clientOptions: { apiEndpoint: env("PUBSUB_HOST") },
      timestampAttribute: "ts",
      idAttribute: "eventId",
      dedupTtl: minutes(30),
      // See MAX_OUT_OF_ORDERNESS_MS: pstest's random delivery order and redeliveries after kills.
      maxOutOfOrderness: MAX_OUT_OF_ORDERNESS_MS,
      idleTimeout: minutes(60),
      ackDeadline: 10_000,
      flowControl: { maxMessages: 2000 },
      drain: drain.signal,
    }),
  );
  messages.apply(
    "WriteRaw",
    writeBigQuery<KillTestEvent>({
      table: `${dataset}.${RAW_TABLE}`,
      schema: rawSchema,
      backend,
      twoPhaseCommit: true,
      formatRow: (e) => ({ event_id: e.eventId, key: e.key, seq: e.seq, ts: e.ts }),
    }),
  );
  messages
    .map((e) => kv(e.key, 1), "KeyOne")
    .apply("Window", windowInto(fixedWindows(WINDOW_MS)))
    .apply("Count", combinePerKey(combiners.count()))
    .apply(
      "WriteCounts",
      writeBigQuery<{ key: string; value: number }>({
        table: `${dataset}.${COUNTS_TABLE}`,
        schema: countsSchema,
        backend,
        twoPhaseCommit: true,
        formatRow: (c, { window }) => ({
          key: c.key,
          window_start: (window as IntervalWindow).start,
          n: c.value,
        }),
      }),
    );
  const armedAt = Date.now() + Number(process.env["FAILPOINT_AFTER_MS"] ?? 0);
  const failpoint = (name: FailpointName): void => {
    if (Date.now() >= armedAt) environmentFailpoint(name);
  };
  const runner = new Runner(p, {
    failpoint,
    checkpoints: {
      directory: env("CHECKPOINT_DIR"),
      intervalMillis: Number(process.env["CHECKPOINT_MS"] ?? 200),
    },
    collectLeaves: false,
  });
  // Progress for the controller: elements dropped as late (or into closed windows) would make
  // the counts differ from the oracle; they are reported so a failure names its cause.
  const report = (): void => {
    const dropped = runner
      .result()
      .metrics()
      .flatMap((m) =>
        m.name.startsWith("dropped") && typeof m.value === "number" && m.value > 0
          ? [`${m.step}/${m.name}=${m.value}`]
          : [],
      );
    if (dropped.length > 0) process.stdout.write(`${JSON.stringify({ event: "dropped", dropped })}\n`);
  };
  const timer = setInterval(report, 250);
  await runner.run();
  clearInterval(timer);
  report();
  process.stdout.write(`${JSON.stringify({ event: "drained", at: Date.now() })}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(
      `pipeline failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
