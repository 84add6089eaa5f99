import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  bagState,
  combiners,
  combiningState,
  createTimestamped,
  eventTimer,
  fixedWindows,
  IntervalWindow,
  mapState,
  Pipeline,
  seconds,
  valueState,
  type DoFn,
  type KV,
  type PCollection,
  type RunOptions,
} from "@tributary/core";
import { structuralKey } from "../../src/coders/structuralKey";
import { openLmdbStateBackend } from "../../src/runner/state/openLmdbStateBackend";
import type { StateNamespace, TimerData } from "../../src/runner/state/StateBackend";
import { cellIn } from "../../src/runner/state/stateCells";
import type { BagState, MapState } from "../../src/state/StateAccess";
import { runBounded } from "../support/run";

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "tributary-lmdb-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const ns = (key: unknown, window = new IntervalWindow(0, 60_000)): StateNamespace => ({
  keyId: structuralKey(key),
  key,
  window,
});

describe("openLmdbStateBackend", () => {
  it("finds cells, timers and namespaces again when the store is reopened from disk", async () => {
    const path = tempDir();
    const bag = bagState<number>("bag");
    const map = mapState<string, number>("map");
    const timer: TimerData = {
      timerId: "flush",
      tag: "",
      domain: "EVENT_TIME",
      fireTimestamp: 59_999,
      outputTimestamp: 59_000,
      seq: 7,
    };
    const first = await openLmdbStateBackend({ path, cacheNamespaces: 8 });
    for (let i = 0; i < 100; i++) {
      const n = ns({ user: i });
      (cellIn(first, n, bag) as BagState<number>).add(i);
      (cellIn(first, n, map) as MapState<string, number>).put("sq", i * i);
    }
    first.putTimer(ns({ user: 3 }), timer);
    first.clear(ns({ user: 99 }));
    await first.close();

    const second = await openLmdbStateBackend({ path });
    expect([...second.namespaces()].length).toBe(99);
    expect((cellIn(second, ns({ user: 42 }), bag) as BagState<number>).read()).toEqual([42]);
    expect((cellIn(second, ns({ user: 42 }), map) as MapState<string, number>).get("sq")).toBe(1764);
    expect((cellIn(second, ns({ user: 99 }), bag) as BagState<number>).read()).toEqual([]);
    expect(second.timers(ns({ user: 3 }))).toEqual([timer]);
    const listed = [...second.namespaces()].find((n) => n.keyId === structuralKey({ user: 3 }))!;
    expect(listed.key).toEqual({ user: 3 });
    expect(listed.window).toEqual(new IntervalWindow(0, 60_000));
    await second.close();
  });

  it("keeps reads consistent with writes while evicting namespaces to disk", async () => {
    const backend = await openLmdbStateBackend({ path: tempDir(), cacheNamespaces: 16 });
    const bag = bagState<number>("bag");
    for (let round = 0; round < 3; round++) {
      for (let k = 0; k < 500; k++) (cellIn(backend, ns(k), bag) as BagState<number>).add(round);
    }
    for (let k = 0; k < 500; k += 37) {
      expect((cellIn(backend, ns(k), bag) as BagState<number>).read()).toEqual([0, 1, 2]);
    }
    await backend.close();
  });

  it("rejects cell data that is not plain data when it is written back, naming the path", async () => {
    const backend = await openLmdbStateBackend({ path: tempDir() });
    backend.put(ns("k"), "cell", { handler: () => 1 });
    expect(() => backend.flush()).toThrow(/handler/);
    await expect(openLmdbStateBackend({ path: tempDir(), cacheNamespaces: 0 })).rejects.toThrow(
      "cacheNamespaces must be a positive integer, got 0",
    );
  });
});

describe("a stateful pipeline on the LMDB backend", () => {
  interface Order {
    readonly id: string;
    readonly amount: number;
  }

  /** Dedups by id, totals per key and window, and flushes the buffered ids on an event-time timer. */
  function build(): { p: Pipeline; out: PCollection<string> } {
    const seen = valueState<boolean>("seen");
    const ids = bagState<string>("ids");
    const total = combiningState("total", combiners.sum());
    const flush = eventTimer("flush");
    const fn: DoFn<KV<string, Order>, string> = {
      state: { seen, ids, total },
      timers: { flush },
      process(e, ctx) {
        const s = ctx.state.access(seen);
        if (s.read()) return;
        s.write(true);
        ctx.state.access(ids).add(e.value.id);
        ctx.state.access(total).add(e.value.amount);
        ctx.timers.access(flush).set(ctx.window.maxTimestamp());
      },
      onTimer(ctx) {
        const idList = [...ctx.state.access(ids).read()].sort().join(",");
        ctx.output(
          `${String(ctx.key)}@${ctx.window.toString()}: ${idList} = ${ctx.state.access(total).read()}`,
        );
      },
    };
    const orders: Array<{ value: Order; timestamp: number }> = [];
    for (let i = 0; i < 3_000; i++) {
      orders.push({ value: { id: `o${i % 2_000}`, amount: i % 7 }, timestamp: (i * 37) % 120_000 });
    }
    const p = Pipeline.create();
    const out = p
      .apply(createTimestamped(orders))
      .windowInto(fixedWindows(seconds(30)))
      .withKeys((o) => o.id)
      .parDo(fn, "DedupAndTotal");
    return { p, out };
  }

  async function outputs(options: RunOptions): Promise<string[]> {
    const { p, out } = build();
    const result = await runBounded(p, { ...options, collect: [out] }, 30_000);
    return result.values(out).slice().sort();
  }

  it("gives the same output as the in-memory backend, with a cache much smaller than the state", async () => {
    const expected = await outputs({ bundleSize: 100 });
    expect(expected.length).toBeGreaterThan(2_000);
    const backend = await openLmdbStateBackend({ path: tempDir(), cacheNamespaces: 64 });
    const actual = await outputs({ bundleSize: 100, stateBackend: () => backend });
    await backend.close();
    expect(actual).toEqual(expected);
  });
});
