import type { Measurement } from "../harness/Measurement";
import { summarize, type Summary } from "./renderReport";
import { formatCount, formatMiB } from "./stats";
import { MAX_RSS_GROWTH, STATE_GROWS_WITH_STREAM } from "./targets";

/**
 * Peak RSS of streamed-input runs (`node dist/run.js --rss`: the input generated batch by batch
 * as it is read, so peak RSS is what the run keeps plus the node process): per target, the
 * pipeline's and the baseline's peak RSS at the smallest and largest event count, their growth,
 * and the "10M within 20% of 1M" verdict, judged on the pipeline. Where the query's own state
 * grows with the stream, the verdict says so; the pipeline's growth beyond the baseline's is
 * what the runner adds.
 * @public
 */
export function renderStreamedRssTable(results: {
  ms: readonly Measurement[];
  failures: ReadonlyMap<string, string[]>;
}): string {
  const byTarget = new Map<string, Summary[]>();
  for (const s of summarize(results.ms, results.failures))
    byTarget.set(s.target, [...(byTarget.get(s.target) ?? []), s]);
  const lines = [
    "| Query | Events | Pipeline peak RSS | Pipeline growth | Baseline peak RSS | Baseline growth | Pipeline's growth beyond the baseline's | Within 20% (pipeline) |",
    "|---|---|---:|---:|---:|---:|---:|---|",
  ];
  const times = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}×` : "—");
  const mib = (bytes: number): string =>
    Number.isFinite(bytes) ? `${bytes >= 0 ? "+" : "−"}${formatMiB(Math.abs(bytes))}` : "—";
  for (const [target, list] of byTarget) {
    const sorted = [...list].sort((a, b) => a.events - b.events);
    const small = sorted[0]!;
    const large = sorted[sorted.length - 1]!;
    const failures = sorted
      .filter((s) => s.failures.length)
      .map((s) => `${formatCount(s.events)}: ${s.failures.join("; ")}`)
      .join("; ");
    const peaks = (of: (s: Summary) => number | undefined): string =>
      sorted.some((s) => of(s) !== undefined) ? sorted.map((s) => formatMiB(of(s) ?? NaN)).join(" → ") : "—";
    const pipelineOf = (s: Summary): number | undefined => s.pipeline?.peakRss;
    const baselineOf = (s: Summary): number | undefined => s.baseline?.peakRss;
    const ratio = (of: (s: Summary) => number | undefined): number =>
      sorted.length > 1 ? (of(large) ?? NaN) / (of(small) ?? NaN) : NaN;
    const delta = (of: (s: Summary) => number | undefined): number =>
      sorted.length > 1 ? (of(large) ?? NaN) - (of(small) ?? NaN) : NaN;
    const growth = ratio(pipelineOf);
    const beyond = delta(pipelineOf) - delta(baselineOf);
    const verdict = !Number.isFinite(growth)
      ? "—"
      : growth <= MAX_RSS_GROWTH
        ? "met"
        : `**not met**${STATE_GROWS_WITH_STREAM.has(target) ? ` (${sorted.some((s) => s.baseline) ? "the query's" : "its"} own state grows with the stream: ${STATE_GROWS_WITH_STREAM.get(target)!}${sorted.some((s) => s.baseline) ? `; baseline ${mib(delta(baselineOf))}` : ""})` : ""}`;
    lines.push(
      `| ${target}${failures ? ` (${failures})` : ""} | ${sorted.map((s) => formatCount(s.events)).join(" → ")} | ${peaks(pipelineOf)} | ${times(growth)} | ${peaks(baselineOf)} | ${times(ratio(baselineOf))} | ${mib(beyond)} | ${verdict} |`,
    );
  }
  return lines.join("\n");
}
