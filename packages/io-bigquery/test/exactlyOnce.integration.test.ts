/**
 * Exactly-once end to end, under kill -9: Pub/Sub (pstest) → pipeline in a child process →
 * BigQuery (bqemulator). See test/exactlyOnce/controller.ts for the procedure and the README's
 * "Exactly-once under kill -9" section for the figures. The long run (1,000,000 events, 50
 * kills) is `pnpm run exactly-once:long`, not part of CI.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FailpointName } from "@tributary/core";
import {
  startPubsubEmulator,
  type BigQueryEmulator,
  type PubsubEmulator,
} from "../../../tools/emulators/emulators";
import { runKillTest } from "./exactlyOnce/controller";
import { startEmulatorOrFail } from "./setup/bigqueryEmulator";

const EVENTS = Number(process.env["EXACTLY_ONCE_EVENTS"] ?? 100_000);
const RANDOM_KILLS = Number(process.env["EXACTLY_ONCE_KILLS"] ?? 10);
const FAILPOINTS: readonly FailpointName[] = [
  "after-receive",
  "before-checkpoint",
  "during-checkpoint-write",
  "before-commit",
  "before-ack",
];
const packageDir = fileURLToPath(new URL("..", import.meta.url));

let pubsub: PubsubEmulator;
let bigquery: BigQueryEmulator;

beforeAll(async () => {
  const built = spawnSync(
    fileURLToPath(new URL("../../../node_modules/.bin/tsup", import.meta.url)),
    ["--config", "test/exactlyOnce/tsup.config.ts"],
    { cwd: packageDir, encoding: "utf8" },
  );
  if (built.status !== 0)
    throw new Error(`building the child pipeline failed:\n${built.stdout}\n${built.stderr}`);
  pubsub = await startPubsubEmulator({ timeoutMs: 60_000 });
  bigquery = await startEmulatorOrFail();
}, 180_000);

afterAll(async () => {
  await pubsub?.stop();
  await bigquery?.stop();
});

describe("exactly-once under kill -9", () => {
  it(
    `${EVENTS} events, ${RANDOM_KILLS} random kills and one crash at every failpoint: the tables equal the batch oracle`,
    async () => {
      const report = await runKillTest(
        { pubsubHost: pubsub.host, bigQuery: bigquery },
        {
          events: EVENTS,
          randomKills: RANDOM_KILLS,
          failpoints: FAILPOINTS,
          pipelineScript: `${packageDir}/node_modules/.exactly-once/pipeline.js`,
          log: (line) => process.stdout.write(`[kill test] ${line}\n`),
        },
      );
      const recoveries = report.runs.flatMap((r) =>
        r.firstCheckpointMs === undefined ? [] : [r.firstCheckpointMs],
      );
      process.stdout.write(
        `[kill test] ${JSON.stringify({
          events: report.events,
          totalMs: report.totalMs,
          publishMs: report.publishMs,
          runs: report.runs.length,
          firstCheckpointAfterStartMs: {
            min: Math.min(...recoveries),
            median: recoveries.sort((a, b) => a - b)[Math.floor(recoveries.length / 2)],
            max: Math.max(...recoveries),
          },
          raw: report.raw,
          counts: { rows: report.counts.rows, expectedRows: report.counts.expectedRows },
          unackedAfterDrain: report.unackedAfterDrain,
          runsThatDroppedLateData: report.runsThatDroppedLateData,
        })}\n`,
      );
      // Every run but the last was killed, at a random moment or at a failpoint.
      expect(report.runs.length).toBe(RANDOM_KILLS + FAILPOINTS.length + 1);
      expect(report.raw.rows).toBe(EVENTS); // 0 duplicated…
      expect(report.raw.distinctIds).toBe(EVENTS); // …0 lost
      expect(report.raw.badKeys).toEqual([]); // every per-key sequence 0..n-1, each once
      expect(report.runsThatDroppedLateData).toEqual([]); // no element was late (see events.ts)
      expect(report.counts.mismatches.slice(0, 20)).toEqual([]); // windowed counts = the oracle's
      expect(report.counts.rows).toBe(report.counts.expectedRows);
      expect(report.unackedAfterDrain).toBe(0); // every message acknowledged
    },
    15 * 60_000,
  );
});
