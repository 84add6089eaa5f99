import type { Measurement } from "../harness/Measurement";
import { formatCount, formatMiB, formatRate, median } from "./stats";
import {
  ANCHORS,
  DIRECT_RUNNER_ANCHOR,
  MAX_BASELINE_RATIO,
  MAX_RSS_GROWTH,
  STATE_GROWS_WITH_STREAM,
  THROUGHPUT_TARGETS,
} from "./targets";

/** The medians of the repeated runs of one target, mode and event count. @public */
export interface Summary {
  readonly target: string;
  readonly events: number;
  readonly runs: number;
  readonly pipeline:
    { eventsPerSecond: number; peakRss: number; runRss: number; outputs: number } | undefined;
  readonly baseline: { eventsPerSecond: number; peakRss: number; outputs: number } | undefined;
  /** Why a run is missing (timeout, error). */
  readonly failures: readonly string[];
}

/** Groups measurements by target and event count and takes medians. @public */
export function summarize(ms: readonly Measurement[], failures: ReadonlyMap<string, string[]>): Summary[] {
  const groups = new Map<string, Measurement[]>();
  for (const m of ms) {
    const k = `${m.target}\u0000${m.events}`;
    groups.set(k, [...(groups.get(k) ?? []), m]);
  }
  for (const k of failures.keys()) if (!groups.has(k)) groups.set(k, []);
  const order = (target: string): number => {
    const m = /^Q(\d+)$/.exec(target);
    return m ? Number(m[1]) : 1000 + target.length;
  };
  const sorted = [...groups].sort(([a], [b]) => {
    const [ta, ea] = a.split("\u0000") as [string, string];
    const [tb, eb] = b.split("\u0000") as [string, string];
    return order(ta) - order(tb) || ta.localeCompare(tb) || Number(ea) - Number(eb);
  });
  return sorted.map(([k, list]) => {
    const [target, events] = k.split("\u0000") as [string, string];
    const p = list.filter((m) => m.mode === "pipeline");
    const b = list.filter((m) => m.mode === "baseline");
    return {
      target,
      events: Number(events),
      runs: Math.max(p.length, b.length),
      pipeline: p.length
        ? {
            eventsPerSecond: median(p.map((m) => m.eventsPerSecond)),
            peakRss: median(p.map((m) => m.peakRss)),
            runRss: median(p.map((m) => Math.max(0, m.peakRss - m.rssBeforeRun))),
            outputs: p[0]!.outputs,
          }
        : undefined,
      baseline: b.length
        ? {
            eventsPerSecond: median(b.map((m) => m.eventsPerSecond)),
            peakRss: median(b.map((m) => m.peakRss)),
            outputs: b[0]!.outputs,
          }
        : undefined,
      failures: failures.get(k) ?? [],
    };
  });
}

const yes = (ok: boolean): string => (ok ? "met" : "**not met**");

/** The throughput table: one row per query and event count. @public */
export function renderThroughputTable(summaries: readonly Summary[]): string {
  const lines = [
    "| Query | Events | Pipeline ev/s (1 core) | Baseline ev/s | Baseline ÷ pipeline | Target ev/s | Target | ≤ 3× baseline | Peak RSS | RSS growth during run | Outputs (pipeline / baseline) | Published anchor (ev/s/core) |",
    "|---|---:|---:|---:|---:|---:|---|---|---:|---:|---|---|",
  ];
  for (const s of summaries) {
    const pe = s.pipeline?.eventsPerSecond ?? NaN;
    const be = s.baseline?.eventsPerSecond ?? NaN;
    const ratio = be / pe;
    const target = THROUGHPUT_TARGETS[s.target];
    const outputsMatch = s.pipeline && s.baseline ? s.pipeline.outputs === s.baseline.outputs : undefined;
    const outputs =
      s.pipeline || s.baseline
        ? `${s.pipeline?.outputs ?? "—"} / ${s.baseline?.outputs ?? "—"}${outputsMatch === false ? " **MISMATCH**" : ""}`
        : "—";
    const failed = s.failures.length ? ` (${s.failures.join("; ")})` : "";
    // A pipeline run that timed out missed every target.
    const timedOut = !s.pipeline && s.failures.some((f) => f.startsWith("pipeline timeout"));
    const missed = timedOut ? "**not met** (timeout)" : "—";
    lines.push(
      `| ${s.target}${failed} | ${formatCount(s.events)} | ${formatRate(pe)} | ${formatRate(be)} | ${Number.isFinite(ratio) ? ratio.toFixed(2) + "×" : "—"} | ${target ? formatRate(target) : "—"} | ${target ? (Number.isFinite(pe) ? yes(pe >= target) : missed) : "—"} | ${Number.isFinite(ratio) ? yes(ratio <= MAX_BASELINE_RATIO) : missed} | ${formatMiB(s.pipeline?.peakRss ?? NaN)} | ${formatMiB(s.pipeline?.runRss ?? NaN)} | ${outputs} | ${ANCHORS[s.target] ?? "—"} |`,
    );
  }
  lines.push("", DIRECT_RUNNER_ANCHOR);
  return lines.join("\n");
}

/** The summaries of each target, in the order the targets first appear. */
function groupByTarget(summaries: readonly Summary[]): Map<string, Summary[]> {
  const byTarget = new Map<string, Summary[]>();
  for (const s of summaries) byTarget.set(s.target, [...(byTarget.get(s.target) ?? []), s]);
  return byTarget;
}

/**
 * Each target's run time split in two, from its medians at the smallest and the largest event
 * count: a cost per event, `(t_large − t_small) / (large − small)`, and a fixed cost, `t_small −
 * small × per event` — what a run pays whatever its length (building the pipeline, V8 compiling
 * and optimizing the hot code). The per-event ratio is what a long run tends to; the whole-run
 * ratio at the large count is the throughput table's. Derived from two medians, so it carries the
 * noise of both.
 * @public
 */
export function renderCostSplitTable(summaries: readonly Summary[]): string {
  const byTarget = groupByTarget(summaries);
  const lines = [
    "| Query | Events (small → large) | Pipeline per event | Baseline per event | Per-event ratio | Pipeline fixed cost | Baseline fixed cost | Whole-run ratio (large) |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
  ];
  const ns = (seconds: number): string => `${(seconds * 1e9).toFixed(1)} ns`;
  const ms = (seconds: number): string => `${(seconds * 1e3).toFixed(1)} ms`;
  for (const [target, list] of byTarget) {
    const sorted = list.filter((s) => s.pipeline && s.baseline).sort((a, b) => a.events - b.events);
    if (sorted.length < 2) continue;
    const small = sorted[0]!;
    const large = sorted[sorted.length - 1]!;
    const split = (rate: (s: Summary) => number): { perEvent: number; fixed: number } => {
      const tSmall = small.events / rate(small);
      const perEvent = (large.events / rate(large) - tSmall) / (large.events - small.events);
      return { perEvent, fixed: tSmall - small.events * perEvent };
    };
    const p = split((s) => s.pipeline!.eventsPerSecond);
    const b = split((s) => s.baseline!.eventsPerSecond);
    const whole = large.baseline!.eventsPerSecond / large.pipeline!.eventsPerSecond;
    lines.push(
      `| ${target} | ${formatCount(small.events)} → ${formatCount(large.events)} | ${ns(p.perEvent)} | ${ns(b.perEvent)} | ${(p.perEvent / b.perEvent).toFixed(2)}× | ${ms(p.fixed)} | ${ms(b.fixed)} | ${whole.toFixed(2)}× |`,
    );
  }
  return lines.join("\n");
}

/** Peak RSS at the smallest vs the largest event count of each target. @public */
export function renderRssTable(summaries: readonly Summary[]): string {
  const byTarget = groupByTarget(summaries);
  const lines = [
    "| Query | Events (small → large) | Peak RSS small | Peak RSS large | Growth | RSS growth during run small → large | Within 20% (peak RSS incl. input; see live memory below) |",
    "|---|---|---:|---:|---:|---|---|",
  ];
  for (const [target, list] of byTarget) {
    const sorted = list.filter((s) => s.pipeline).sort((a, b) => a.events - b.events);
    if (sorted.length < 2) continue;
    const small = sorted[0]!;
    const large = sorted[sorted.length - 1]!;
    const growth = large.pipeline!.peakRss / small.pipeline!.peakRss;
    lines.push(
      `| ${target} | ${formatCount(small.events)} → ${formatCount(large.events)} | ${formatMiB(small.pipeline!.peakRss)} | ${formatMiB(large.pipeline!.peakRss)} | ${growth.toFixed(2)}× | ${formatMiB(small.pipeline!.runRss)} → ${formatMiB(large.pipeline!.runRss)} | ${yes(growth <= MAX_RSS_GROWTH)} |`,
    );
  }
  return lines.join("\n");
}

/**
 * Live heap (forced GC) at each event count, from `--memory` runs: how state grows with the
 * stream, the pipeline's beside the baseline's (the state the query itself needs).
 * @public
 */
export function renderMemoryTable(results: {
  nexmark: { ms: Measurement[]; failures: ReadonlyMap<string, string[]> };
  examples: { ms: Measurement[]; failures: ReadonlyMap<string, string[]> };
}): string {
  const all = [...results.nexmark.ms, ...results.examples.ms].filter((m) => m.peakLiveHeap !== undefined);
  const failures = new Map([...results.nexmark.failures, ...results.examples.failures]);
  const byTarget = new Map<string, { pipeline: Measurement[]; baseline: Measurement[] }>();
  const of = (target: string): { pipeline: Measurement[]; baseline: Measurement[] } => {
    let e = byTarget.get(target);
    if (!e) byTarget.set(target, (e = { pipeline: [], baseline: [] }));
    return e;
  };
  for (const m of all) of(m.target)[m.mode].push(m);
  for (const k of failures.keys()) of(k.split("\u0000")[0]!);
  const lines = [
    "| Query | Events | Input heap | Pipeline state (peak − input) | Baseline state | Pipeline state growth small → large | Baseline state growth | Pipeline ÷ baseline state (large) | Within 20% |",
    "|---|---|---:|---:|---:|---:|---:|---:|---|",
  ];
  // State under 1 MiB is noise-level; growth is judged on state above that floor.
  const floor = 2 ** 20;
  const growthOf = (sorted: readonly LiveHeap[]): number | undefined =>
    sorted.length > 1
      ? Math.max(sorted[sorted.length - 1]!.state, floor) / Math.max(sorted[0]!.state, floor)
      : undefined;
  for (const [target, { pipeline, baseline }] of byTarget) {
    const p = liveHeapByEvents(pipeline);
    const b = liveHeapByEvents(baseline);
    const failed = [...failures].filter(([k]) => k.startsWith(`${target}\u0000`));
    const failedText = failed
      .map(([k, f]) => `${formatCount(Number(k.split("\u0000")[1]))}: ${f.join("; ")}`)
      .join("; ");
    if (p.length === 0) {
      lines.push(`| ${target} | ${failedText} | — | — | — | — | — | — | — |`);
      continue;
    }
    const growth = growthOf(p);
    const baselineGrowth = growthOf(b);
    const list = (hs: readonly LiveHeap[], f: (h: LiveHeap) => string): string =>
      hs.length ? hs.map(f).join(" / ") : "—";
    const times = (x: number | undefined): string => (x !== undefined ? `${x.toFixed(2)}×` : "—");
    const large = (hs: readonly LiveHeap[]): number | undefined =>
      hs.length ? Math.max(hs[hs.length - 1]!.state, floor) : undefined;
    const overhead = b.length && p.length ? large(p)! / large(b)! : undefined;
    const verdict =
      growth === undefined
        ? "—"
        : growth <= MAX_RSS_GROWTH
          ? yes(true)
          : `${yes(false)}${ownGrowth(target, baselineGrowth)}`;
    lines.push(
      `| ${target}${failedText ? ` (${failedText})` : ""} | ${list(p, (h) => formatCount(h.events))} | ${list(p, (h) => formatMiB(h.inputHeap))} | ${list(p, (h) => formatMiB(h.state))} | ${list(b, (h) => formatMiB(h.state))} | ${times(growth)} | ${times(baselineGrowth)} | ${times(overhead)} | ${verdict} |`,
    );
  }
  return lines.join("\n");
}

/** One event count's live heap: the medians over its runs. */
interface LiveHeap {
  readonly events: number;
  readonly inputHeap: number;
  /** Peak live heap during the run less the input's live heap (never below 0). */
  readonly state: number;
}

/**
 * The live heap of one target and mode per event count, in event-count order: the median over
 * repeated runs (`--memory --repeats`), since a forced GC's live heap moves by a few hundred KiB
 * from run to run (V8's compiled code and caches live in the heap too).
 */
function liveHeapByEvents(ms: readonly Measurement[]): LiveHeap[] {
  const byEvents = new Map<number, Measurement[]>();
  for (const m of ms) byEvents.set(m.events, [...(byEvents.get(m.events) ?? []), m]);
  return [...byEvents]
    .sort(([a], [b]) => a - b)
    .map(([events, runs]) => ({
      events,
      inputHeap: median(runs.map((m) => m.inputHeap!)),
      state: median(runs.map((m) => Math.max(0, m.peakLiveHeap! - m.inputHeap!))),
    }));
}

/** Why a target's state may grow: its baseline's growth, or what its own state is (an example). */
function ownGrowth(target: string, baselineGrowth: number | undefined): string {
  if (baselineGrowth !== undefined && baselineGrowth > MAX_RSS_GROWTH)
    return ` (the query's own state grows ${baselineGrowth.toFixed(2)}×)`;
  const why = STATE_GROWS_WITH_STREAM.get(target);
  return baselineGrowth === undefined && why ? ` (its own state grows with the stream: ${why})` : "";
}
