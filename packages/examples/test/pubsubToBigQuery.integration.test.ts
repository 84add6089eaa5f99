import { Pipeline } from "@tributary/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDataset } from "../src/cloud/CloudConfig";
import { runPubsubToBigQuery } from "../src/template/PubsubToBigQuery";
import { epochMs, startServers, type Servers } from "./emulators";

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
}, 180_000);
afterAll(async () => servers?.stop());

const schema = {
  fields: [
    { name: "customer", type: "STRING", mode: "REQUIRED" },
    { name: "amount", type: "INT64" },
    { name: "paid_at", type: "TIMESTAMP" },
  ],
} as const;

describe("pubsub-to-bigquery template (local servers)", () => {
  it("turns JSON messages into rows and every bad message into exactly one dead letter", async () => {
    await ensureDataset(servers.config, "tpl");
    const [topic] = await servers.pubsub.createTopic("tpl-in");
    await topic.createSubscription("tpl-in-sub");
    const t0 = Date.UTC(2024, 2, 1);
    const good = Array.from({ length: 200 }, (_, i) => ({
      customer: `u${i % 7}`,
      amount: i,
      paid_at: t0 + i * 1000,
    }));
    const bad: Array<{ data: string; attributes: Record<string, string>; stage: string }> = [
      { data: "{not json", attributes: { ts: String(t0) }, stage: "parse" },
      {
        data: '{"__proto__": {"admin": true}, "customer": "x"}',
        attributes: { ts: String(t0) },
        stage: "parse",
      },
      { data: "[1, 2]", attributes: { ts: String(t0) }, stage: "validate" },
      { data: '{"customer": "y"}', attributes: { ts: "yesterday" }, stage: "timestamp" },
      { data: '{"customer": 5, "amount": "lots"}', attributes: { ts: String(t0) }, stage: "write" },
      { data: '{"amount": 3}', attributes: { ts: String(t0) }, stage: "write" }, // REQUIRED customer missing
      { data: '{"customer": "z", "extra": 1}', attributes: { ts: String(t0) }, stage: "write" }, // unknown field
    ];
    await Promise.all([
      ...good.map((g) => topic.publishMessage({ json: g, attributes: { ts: String(g.paid_at) } })),
      ...bad.map((b) => topic.publishMessage({ data: Buffer.from(b.data), attributes: b.attributes })),
    ]);
    const stop = new AbortController();
    let seen = 0;
    const run = runPubsubToBigQuery(Pipeline.create(), {
      pubsub: servers.pubsub,
      inputSubscription: "tpl-in-sub",
      outputTable: "tpl.payments",
      schema: schema,
      timestampAttribute: "ts",
      backend: servers.backend(),
      stop: stop.signal,
      onProgress: (p) => {
        seen = p.elements;
        if (seen >= good.length + bad.length) stop.abort();
      },
    });
    const timer = setTimeout(() => stop.abort(), 60_000);
    const { messages } = await run;
    clearTimeout(timer);
    expect(messages).toBe(good.length + bad.length);

    const dead = await servers.query(
      "SELECT payload, stage, error, attributes FROM tpl.payments_error_records",
    );
    const rows = await servers.query("SELECT customer, amount, paid_at FROM tpl.payments");
    expect(
      rows.map((r) => `${String(r["customer"])}|${Number(r["amount"])}|${epochMs(r["paid_at"])}`).sort(),
    ).toEqual(good.map((g) => `${g.customer}|${g.amount}|${g.paid_at}`).sort());

    expect(dead.map((d) => `${String(d["stage"])}|${String(d["payload"])}`).sort()).toEqual(
      bad.map((b) => `${b.stage}|${b.data}`).sort(),
    );
    for (const d of dead) {
      expect(String(d["error"]).length).toBeGreaterThan(0);
      expect(JSON.parse(String(d["attributes"]))).toHaveProperty("ts");
    }
    expect(({} as Record<string, unknown>)["admin"]).toBeUndefined();
  });
});
