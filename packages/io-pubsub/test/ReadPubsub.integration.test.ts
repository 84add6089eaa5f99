import {
  combinePerKey,
  combiners,
  fixedWindows,
  kv,
  MAX_TIMESTAMP,
  Pipeline,
  Runner,
  seconds,
  windowInto,
  type IntervalWindow,
  type KV,
} from "@tributary/core";
import { describe, expect, it } from "vitest";
import { readPubsub, type PubsubDeadLetter } from "../src";
import { freshTopic, publishAll, sleep, stepUntil, usePubsubEmulator } from "./pubsubTestKit";

const kit = usePubsubEmulator();

interface Click {
  readonly user: string;
  readonly page: string;
}

const T0 = Date.parse("2024-03-01T12:00:00Z");

describe("readPubsub on pstest", () => {
  it("counts out-of-order clicks per user in 10 s event-time windows, and drops a late one", async () => {
    const { topic, subscriptionName } = await freshTopic(kit);
    // [T0, T0+10s): alice 3, bob 1; [T0+10s, T0+20s): alice 1, bob 2 — published out of order.
    const clicks: Array<[string, number]> = [
      ["alice", 12_000],
      ["alice", 1_000],
      ["bob", 15_000],
      ["alice", 9_999],
      ["bob", 5_000],
      ["alice", 0],
      ["bob", 19_999],
    ];
    await publishAll(
      topic,
      clicks.map(([user, at], i) => ({
        data: JSON.stringify({ user, page: `/p${i}` }),
        attributes: { ts: i % 2 ? String(T0 + at) : new Date(T0 + at).toISOString() },
      })),
    );
    const p = Pipeline.create();
    const { messages, deadLetters } = p.apply(
      readPubsub<Click>({
        subscription: subscriptionName,
        ...kit.connection,
        timestampAttribute: "ts",
        maxOutOfOrderness: seconds(30),
        idleTimeout: 300,
      }),
    );
    const counts = messages
      .map((c) => kv(c.user, 1))
      .apply(windowInto<KV<string, number>>(fixedWindows(seconds(10))))
      .apply(combinePerKey(combiners.count()));
    const runner = new Runner(p, { collect: [counts, deadLetters] });
    const [panes, dead] = await stepUntil(runner, [counts, deadLetters], ([c]) => c!.length >= 4);
    const byWindow = panes!.map((wv) => {
      const w = wv.windows[0] as IntervalWindow;
      const { key, value } = wv.value as KV<string, number>;
      return `${(w.start - T0) / 1000}s ${key}=${value}`;
    });
    expect(byWindow.sort()).toEqual(["0s alice=3", "0s bob=1", "10s alice=1", "10s bob=2"]);
    expect(panes!.every((wv) => wv.pane.timing === "ON_TIME")).toBe(true);
    expect(dead).toEqual([]);

    // The watermark is past both windows now: a click for the first one is late and dropped.
    await publishAll(topic, [
      { data: JSON.stringify({ user: "carol", page: "/late" }), attributes: { ts: String(T0 + 2_000) } },
    ]);
    await stepUntil(
      runner,
      [counts],
      () => runner.result().counter("", "droppedDueToLateness") === 1,
      10_000,
    );
    expect(runner.drain(counts)).toEqual([]);
    await runner.teardown();
  });

  it("routes malformed JSON, schema violations and bad timestamps to dead letters with the reason; good ones all arrive", async () => {
    const { topic, subscriptionName } = await freshTopic(kit);
    const good = Array.from({ length: 20 }, (_, i) => ({
      data: JSON.stringify({ user: `u${i}`, page: "/" }),
      attributes: { ts: String(T0 + i) },
    }));
    const bad = [
      { data: '{"user": "x", "page": ', attributes: { ts: String(T0), kind: "truncated-json" } },
      { data: Buffer.from([0xff, 0xfe, 0x7b]), attributes: { ts: String(T0), kind: "not-utf8" } },
      { data: JSON.stringify({ user: 42, page: "/" }), attributes: { ts: String(T0), kind: "schema" } },
      {
        data: JSON.stringify({ __proto__: { polluted: true }, user: "p", page: 1 }),
        attributes: { ts: String(T0), kind: "proto" },
      },
      { data: JSON.stringify({ user: "y", page: "/" }), attributes: { ts: "last tuesday", kind: "bad-ts" } },
      { data: JSON.stringify({ user: "z", page: "/" }), attributes: { kind: "no-ts" } },
      {
        data: JSON.stringify({ user: "big", page: "x".repeat(5000) }),
        attributes: { ts: String(T0), kind: "too-big" },
      },
    ];
    const mixed = [...good.slice(0, 10), ...bad, ...good.slice(10)];
    await publishAll(topic, mixed);
    const options = {
      subscription: subscriptionName,
      ...kit.connection,
      timestampAttribute: "ts",
      maxMessageBytes: 1000,
      validate: (c: Click) =>
        typeof c.user !== "string"
          ? "user must be a string"
          : typeof c.page !== "string"
            ? "page must be a string"
            : undefined,
    };
    const p = Pipeline.create();
    const { messages, deadLetters } = p.apply(readPubsub<Click>(options));
    const runner = new Runner(p, { collect: [messages, deadLetters] });
    const [ok, dead] = await stepUntil(
      runner,
      [messages, deadLetters],
      ([m, d]) => m!.length + d!.length >= mixed.length,
    );
    await sleep(300);
    await runner.step();
    await runner.teardown();

    expect(ok!.map((wv) => (wv.value as Click).user).sort()).toEqual(good.map((_, i) => `u${i}`).sort());
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    const letters = new Map(
      dead!.map((wv) => [(wv.value as PubsubDeadLetter).attributes["kind"], wv.value as PubsubDeadLetter]),
    );
    expect([...letters.keys()].sort()).toEqual([
      "bad-ts",
      "no-ts",
      "not-utf8",
      "proto",
      "schema",
      "too-big",
      "truncated-json",
    ]);
    expect(letters.get("truncated-json")).toMatchObject({
      reason: "parse",
      error: expect.stringMatching(/^SyntaxError: /) as unknown,
    });
    expect(Buffer.from(letters.get("truncated-json")!.data).toString()).toBe('{"user": "x", "page": ');
    expect(letters.get("not-utf8")).toMatchObject({
      reason: "parse",
      error: expect.stringMatching(/TypeError/) as unknown,
    });
    expect(letters.get("schema")).toMatchObject({ reason: "validation", error: "user must be a string" });
    expect(letters.get("proto")).toMatchObject({ reason: "validation", error: "page must be a string" });
    expect(letters.get("bad-ts")).toMatchObject({
      reason: "timestamp",
      error: expect.stringContaining('"last tuesday"') as unknown,
    });
    expect(letters.get("no-ts")).toMatchObject({
      reason: "timestamp",
      error: 'timestamp attribute "ts" is missing',
    });
    expect(letters.get("too-big")).toMatchObject({
      reason: "size",
      error: expect.stringMatching(/exceeds maxMessageBytes 1000/) as unknown,
    });
    for (const d of letters.values()) expect(d.messageId).toMatch(/\S/);
    expect(runner.result().counter("", "deadLetters.timestamp")).toBe(2);

    // Everything, dead letters included, was acknowledged: a new pipeline on the subscription gets nothing.
    const p2 = Pipeline.create();
    const again = p2.apply(readPubsub<Click>(options));
    const r2 = new Runner(p2, { collect: [again.messages, again.deadLetters] });
    const until = Date.now() + 1500;
    let seen = 0;
    while (Date.now() < until) {
      await r2.step();
      seen += r2.drain(again.messages).length + r2.drain(again.deadLetters).length;
      await sleep(20);
    }
    await r2.teardown();
    expect(seen).toBe(0);
  });

  it("drains gracefully on its signal: the source reaches the end of time and the last windows fire", async () => {
    const { topic, subscriptionName } = await freshTopic(kit);
    const now = Date.now();
    await publishAll(
      topic,
      ["a", "b", "a"].map((user) => ({
        data: JSON.stringify({ user, page: "/" }),
        attributes: { ts: String(now) },
      })),
    );
    const drain = new AbortController();
    const p = Pipeline.create();
    const { messages } = p.apply(
      readPubsub<Click>({
        subscription: subscriptionName,
        ...kit.connection,
        timestampAttribute: "ts",
        drain: drain.signal,
      }),
    );
    const counts = messages
      .map((c) => kv(c.user, 1))
      .apply(windowInto<KV<string, number>>(fixedWindows(seconds(3600))))
      .apply(combinePerKey(combiners.count()));
    const runner = new Runner(p, { collect: [counts] });
    setTimeout(() => drain.abort(), 1000);
    // An hour-long window that only the end of the stream can close. (Runner.run() itself would
    // not return: core's isDone ignores element-wise steps' watermarks — see the README.)
    const [panes] = await stepUntil(runner, [counts], () => runner.watermarkOf(counts) === MAX_TIMESTAMP);
    await runner.teardown();
    expect(
      panes!
        .map((wv) => wv.value as KV<string, number>)
        .map((c) => `${c.key}=${c.value}`)
        .sort(),
    ).toEqual(["a=2", "b=1"]);
  });
});
