/**
 * Compares the state backends: in memory, LMDB and SQLite (each durable one where its package
 * loads). Each scenario runs in its own child process, so that its peak RSS is its own.
 *
 * Build and run from the repository root (see packages/core/README-state.md):
 *   pnpm exec tsup packages/core/bench/stateBackends.bench.ts --format esm --platform node \
 *     --target node20 --external lmdb --external better-sqlite3 \
 *     --out-dir packages/core/node_modules/.bench --silent
 *   node packages/core/node_modules/.bench/stateBackends.bench.js [--scale 0.1]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { structuralKey } from "../src/coders/structuralKey";
import { Pipeline } from "../src/model/Pipeline";
import { InMemoryStateBackend } from "../src/runner/state/InMemoryStateBackend";
import { openLmdbStateBackend } from "../src/runner/state/openLmdbStateBackend";
import { openSqliteStateBackend } from "./openSqliteStateBackend";
import type { StateBackend, StateNamespace } from "../src/runner/state/StateBackend";
import { cellIn } from "../src/runner/state/stateCells";
import type { BagState } from "../src/state/StateAccess";
import { bagState, combiningState, valueState } from "../src/state/StateSpec";
import { createTimestamped } from "../src/transforms/Create";
import { sum } from "../src/transforms/combiners/sum";
import type { DoFn } from "../src/transforms/DoFn";
import { kv, type KV } from "../src/values/KV";
import { GlobalWindow } from "../src/windowing/GlobalWindow";

const BACKENDS = ["in-memory", "lmdb", "lmdb-nosync", "sqlite"] as const;
const SCENARIOS = ["value-put-get", "bag-append", "pipeline"] as const;
type BackendName = (typeof BACKENDS)[number];
type ScenarioName = (typeof SCENARIOS)[number];

interface Measure {
  readonly label: string;
  readonly ops: number;
  readonly seconds: number;
}

/** A deterministic permutation-ish sequence of key indices (xorshift), so every backend sees the same keys. */
function randomKeys(n: number, count: number, seed: number): Uint32Array {
  const out = new Uint32Array(count);
  let x = seed | 0 || 1;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = (x >>> 0) % n;
  }
  return out;
}

async function open(name: BackendName, dir: string): Promise<StateBackend & { close?: () => Promise<void> }> {
  switch (name) {
    case "in-memory":
      return new InMemoryStateBackend();
    case "lmdb":
      return openLmdbStateBackend({ path: join(dir, "lmdb") });
    case "lmdb-nosync":
      return openLmdbStateBackend({ path: join(dir, "lmdb"), noSync: true });
    case "sqlite":
      return openSqliteStateBackend({ path: join(dir, "state.sqlite") });
  }
}

/** Durable backends write their cache back at the end of a timed phase: that is part of the cost. */
function flushIfAny(backend: StateBackend): void {
  if ("flush" in backend && typeof backend.flush === "function") (backend.flush as () => void)();
}

function time(label: string, ops: number, body: () => void): Measure {
  const start = performance.now();
  body();
  return { label, ops, seconds: (performance.now() - start) / 1000 };
}

const namespaces = (n: number): StateNamespace[] => {
  const out: StateNamespace[] = [];
  for (let i = 0; i < n; i++) {
    const key = `user-${i}`;
    out.push({ keyId: structuralKey(key), key, window: GlobalWindow.INSTANCE });
  }
  return out;
};

function valuePutGet(backend: StateBackend, keys: number): Measure[] {
  const all = namespaces(keys);
  const writes = randomKeys(keys, keys, 1);
  const reads = randomKeys(keys, keys, 2);
  const put = time("put", keys, () => {
    for (let i = 0; i < keys; i++) backend.put(all[writes[i]!]!, "v", { count: i, last: writes[i]! });
    flushIfAny(backend);
  });
  let found = 0;
  const get = time("get", keys, () => {
    for (let i = 0; i < keys; i++) if (backend.get(all[reads[i]!]!, "v") !== undefined) found++;
  });
  if (found === 0) throw new Error("no value was found");
  return [put, get];
}

function bagAppend(backend: StateBackend, appends: number): Measure[] {
  const keys = Math.max(1, Math.floor(appends / 10));
  const all = namespaces(keys);
  const order = randomKeys(keys, appends, 3);
  const spec = bagState<number>("bag");
  return [
    time("append", appends, () => {
      for (let i = 0; i < appends; i++) (cellIn(backend, all[order[i]!]!, spec) as BagState<number>).add(i);
      flushIfAny(backend);
    }),
  ];
}

async function pipeline(backend: StateBackend, elements: number): Promise<Measure[]> {
  const keys = Math.max(1, Math.floor(elements / 10));
  const order = randomKeys(keys, elements, 4);
  const count = valueState<number>("count");
  const total = combiningState("total", sum());
  const fn: DoFn<KV<string, number>, string> = {
    state: { count, total },
    process(e, ctx) {
      const c = ctx.state.access(count);
      const n = (c.read() ?? 0) + 1;
      c.write(n);
      const t = ctx.state.access(total);
      t.add(e.value);
      if (n % 100 === 0) ctx.output(`${e.key}: ${t.read()}`);
    },
  };
  const input: Array<{ value: KV<string, number>; timestamp: number }> = [];
  for (let i = 0; i < elements; i++) input.push({ value: kv(`user-${order[i]!}`, i % 13), timestamp: i });
  const p = Pipeline.create();
  p.apply(createTimestamped(input)).parDo(fn, "CountAndSum");
  const start = performance.now();
  await p.run({ stateBackend: () => backend });
  flushIfAny(backend);
  return [{ label: "elements", ops: elements, seconds: (performance.now() - start) / 1000 }];
}

async function child(backendName: BackendName, scenario: ScenarioName, scale: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tributary-bench-"));
  try {
    const backend = await open(backendName, dir);
    const n = Math.round(1_000_000 * scale);
    const measures =
      scenario === "value-put-get"
        ? valuePutGet(backend, n)
        : scenario === "bag-append"
          ? bagAppend(backend, n)
          : await pipeline(backend, n);
    await backend.close?.();
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify({ measures, peakRssMiB }) + "\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parent(scale: number): void {
  const rows: string[] = [
    "| scenario | backend | phase | ops | seconds | ops/s | peak RSS (MiB) |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: |",
  ];
  for (const scenario of SCENARIOS) {
    for (const backend of BACKENDS) {
      let out: string;
      try {
        out = execFileSync(
          process.execPath,
          [
            "--max-old-space-size=8192",
            process.argv[1]!,
            "--child",
            backend,
            scenario,
            "--scale",
            String(scale),
          ],
          { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
        );
      } catch (e) {
        const first = String((e as { stderr?: unknown }).stderr ?? e)
          .split("\n")
          .find((l) => /^\w*Error: /.test(l));
        rows.push(`| ${scenario} | ${backend} | failed: ${first ?? "see stderr"} | | | | |`);
        process.stdout.write(rows.at(-1) + "\n");
        continue;
      }
      const { measures, peakRssMiB } = JSON.parse(out) as { measures: Measure[]; peakRssMiB: number };
      for (const m of measures) {
        rows.push(
          `| ${scenario} | ${backend} | ${m.label} | ${m.ops} | ${m.seconds.toFixed(2)} | ` +
            `${Math.round(m.ops / m.seconds).toLocaleString("en-US")} | ${Math.round(peakRssMiB)} |`,
        );
        process.stdout.write(rows.at(-1) + "\n");
      }
    }
  }
  process.stdout.write("\n" + rows.join("\n") + "\n");
}

const args = process.argv.slice(2);
const scaleAt = args.indexOf("--scale");
const scale = scaleAt >= 0 ? Number(args[scaleAt + 1]) : 1;
if (args[0] === "--child") await child(args[1] as BackendName, args[2] as ScenarioName, scale);
else parent(scale);
