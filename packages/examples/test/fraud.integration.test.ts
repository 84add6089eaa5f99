import { minutes } from "@tributary/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runExamples } from "../src/cli/runExamples";
import { scoreAlerts } from "../src/cli/scoreAlerts";
import { ensureDataset } from "../src/cloud/CloudConfig";
import { generateClickStream } from "../src/datagen/generateClickStream";
import type { FraudAlert } from "../src/fraud/FraudAlert";
import { fraudOracle } from "../src/oracles/fraudOracle";
import { bigQueryOutputs } from "../src/outputs/bigQueryOutputs";
import { startServers, type Servers } from "./emulators";

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
}, 180_000);
afterAll(async () => servers?.stop());

const STREAM = {
  seed: 13,
  maxEvents: 2500,
  lateFraction: 0,
  fraudPerThousandSessions: 60,
  startTime: Date.UTC(2024, 2, 1, 12),
};

describe("fraud detection: Pub/Sub → pipeline → BigQuery table and Pub/Sub alerts topic (local servers)", () => {
  it("raises the oracle's alerts, writes them to the table and publishes them", async () => {
    await ensureDataset(servers.config, "fraud_it");
    const [alertsTopic] = await servers.pubsub.createTopic("fraud-alerts");
    const [alertsSub] = await alertsTopic.createSubscription("fraud-alerts-sub");
    const published: FraudAlert[] = [];
    alertsSub.on("message", (m: { data: Buffer; ack(): void }) => {
      published.push(JSON.parse(m.data.toString("utf8")) as FraudAlert);
      m.ack();
    });
    const run = await runExamples({
      pipelines: ["fraud"],
      stream: STREAM,
      pubsub: { pubsub: servers.pubsub, topic: "clicks-fraud", subscription: "clicks-fraud-sub" },
      alertsTopic: { pubsub: servers.pubsub, topic: "fraud-alerts" },
      outputs: bigQueryOutputs({ backend: servers.backend(), dataset: "fraud_it" }),
    });
    expect(run.events).toBe(STREAM.maxEvents);
    const { events, labels } = generateClickStream(STREAM);
    const oracle = fraudOracle(events)
      .map((a) => `${a.rule}|${a.key}`)
      .sort();
    expect(oracle.length).toBeGreaterThan(3);

    const rows = await servers.query("SELECT rule, key, reason, evidence FROM fraud_it.fraud_alerts");
    expect(rows.map((r) => `${String(r["rule"])}|${String(r["key"])}`).sort()).toEqual(oracle);
    for (const r of rows) expect(JSON.parse(String(r["evidence"]))).toBeTypeOf("object");

    const deadline = Date.now() + minutes(1);
    while (published.length < oracle.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await alertsSub.close();
    expect(published.map((a) => `${a.rule}|${a.key}`).sort()).toEqual(oracle);

    const complete = labels.filter((l) => l.end < Math.max(...events.map((e) => e.timestamp)));
    // Alerts on episodes the stream cut short are neither right nor wrong: leave them out.
    const relevant = published.filter((a) => !labels.some((l) => l.key === a.key && !complete.includes(l)));
    const score = scoreAlerts(relevant, complete);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
  });
});
