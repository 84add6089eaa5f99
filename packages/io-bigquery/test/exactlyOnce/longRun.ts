/**
 * The long run of the exactly-once kill test (not in CI): 1,000,000 events, 50 random kills
 * plus one crash at every failpoint. From packages/io-bigquery:
 *
 *   pnpm run exactly-once:long   # or, once built: node node_modules/.exactly-once/longRun.js [events] [kills]
 *
 * Starts its own pstest and bqemulator, prints progress and a JSON report, exits 1 on a mismatch.
 */
import { fileURLToPath } from "node:url";
import { startBigQueryEmulator, startPubsubEmulator } from "../../../../tools/emulators/emulators";
import { runKillTest } from "./controller";

const FAILPOINTS = [
  "after-receive",
  "before-checkpoint",
  "during-checkpoint-write",
  "before-commit",
  "before-ack",
] as const;

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 1_000_000);
  const kills = Number(process.argv[3] ?? 50);
  process.env["METADATA_SERVER_DETECTION"] = "none";
  const ps = await startPubsubEmulator();
  const bq = await startBigQueryEmulator({ timeoutMs: 90_000 });
  try {
    const report = await runKillTest(
      { pubsubHost: ps.host, bigQuery: bq },
      {
        events,
        randomKills: kills,
        failpoints: FAILPOINTS,
        pipelineScript: fileURLToPath(new URL("./pipeline.js", import.meta.url)),
        killDelayMs: [
          Number(process.env["KILL_MIN_MS"] ?? 3000),
          Number(process.env["KILL_MAX_MS"] ?? 20_000),
        ],
        log: (l) => process.stdout.write(`${new Date().toISOString()} ${l}\n`),
      },
    );
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    const ok =
      report.raw.rows === events &&
      report.raw.distinctIds === events &&
      report.raw.badKeys.length === 0 &&
      report.counts.mismatches.length === 0 &&
      report.runsThatDroppedLateData.length === 0 &&
      report.unackedAfterDrain === 0;
    process.stdout.write(ok ? "EXACTLY ONCE: OK\n" : "EXACTLY ONCE: FAILED\n");
    process.exitCode = ok ? 0 : 1;
  } finally {
    await ps.stop();
    await bq.stop();
  }
}

void main();
