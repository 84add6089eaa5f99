import type { PageCountRow, FunnelRow, TopPagesRow } from "../clickstream/ClickstreamAnalytics";
import type { FraudAlert } from "../fraud/FraudAlert";
import type { RelatedProductsRow } from "../recommendations/RelatedProducts";
import type { ExamplesRun } from "./runExamples";
import { scoreAlerts } from "./scoreAlerts";

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

/** The CLI's readable summary of a run: throughput, panes, top pages, funnel, recommendations, alerts. @public */
export function formatSummary(run: ExamplesRun, where: string | undefined): string {
  const { tables, result, elapsedMs } = run;
  const has = (t: string) => tables.tables().includes(t);
  const lines: string[] = [];
  const events = run.events;
  lines.push(
    `events processed  ${fmt(events)} in ${(elapsedMs / 1000).toFixed(2)} s  (${fmt(events / (elapsedMs / 1000))} events/s)`,
  );
  const dropped = result.counter("", "droppedDueToLateness");
  lines.push(`late data dropped ${fmt(dropped)} (behind the watermark by more than the allowed lateness)`);
  const rowCounts = tables.tables().map((t) => `${t} ${fmt(tables.rows(t).length)}`);
  lines.push(`rows written      ${rowCounts.join(", ")}`);

  if (has("clickstream_page_counts")) {
    const counts = tables.rows<PageCountRow>("clickstream_page_counts");
    const panes = { EARLY: 0, ON_TIME: 0, LATE: 0, UNKNOWN: 0 };
    const windows = new Set<number>();
    // Panes accumulate: the latest pane of each (window, page) holds its total.
    const latest = new Map<string, PageCountRow>();
    for (const r of counts) {
      panes[r.timing]++;
      windows.add(r.windowStart);
      const k = `${r.windowStart}|${r.page}`;
      const seen = latest.get(k);
      if (!seen || r.paneIndex > seen.paneIndex) latest.set(k, r);
    }
    const totals = new Map<string, number>();
    for (const r of latest.values()) totals.set(r.page, (totals.get(r.page) ?? 0) + r.views);
    lines.push("", "Clickstream");
    lines.push(
      `  page-count windows fired ${fmt(windows.size)}: panes EARLY ${fmt(panes.EARLY)}, ON_TIME ${fmt(panes.ON_TIME)}, LATE ${fmt(panes.LATE)}`,
    );
    const top = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
    lines.push(`  top pages         ${top.map(([p, v]) => `${p} (${fmt(v)})`).join(", ")}`);
    const funnel = tables.rows<FunnelRow>("clickstream_funnel");
    const f = { sessions: 0, viewedProduct: 0, addedToCart: 0, checkedOut: 0, purchased: 0 };
    for (const r of funnel) for (const k of Object.keys(f) as (keyof typeof f)[]) f[k] += r[k];
    lines.push(
      `  funnel (sessions per 5-min window, summed) visit ${fmt(f.sessions)} → product ${fmt(f.viewedProduct)} → cart ${fmt(f.addedToCart)} → checkout ${fmt(f.checkedOut)} → purchase ${fmt(f.purchased)}`,
    );
    const ranked = tables.rows<TopPagesRow>("clickstream_top_pages");
    const last = ranked.reduce<TopPagesRow | undefined>(
      (a, r) => (!a || r.windowStart > a.windowStart ? r : a),
      undefined,
    );
    if (last) lines.push(`  last 10-min top   ${last.pages.map((p) => `${p.page} (${p.views})`).join(", ")}`);
    lines.push(`  sessions          ${fmt(tables.rows("clickstream_sessions").length)}`);
  }

  if (has("recommendations_co_viewed")) {
    lines.push("", "Recommendations");
    for (const table of ["recommendations_co_viewed", "recommendations_bought_together"]) {
      const rows = tables.rows<RelatedProductsRow>(table);
      const latest = rows.reduce((m, r) => Math.max(m, r.windowStart), -Infinity);
      const sample =
        rows.find((r) => r.windowStart === latest && r.productId === "p0") ??
        rows.find((r) => r.windowStart === latest);
      const what = table.endsWith("co_viewed") ? "co-viewed with" : "bought with";
      lines.push(
        `  ${fmt(rows.length)} rows; ${what} ${sample?.productId ?? "-"}: ${sample ? sample.related.map((r) => `${r.productId} (${r.score})`).join(", ") : "none"}`,
      );
    }
  }

  if (has("fraud_alerts")) {
    const alerts = tables.rows<FraudAlert>("fraud_alerts");
    const byRule = new Map<string, number>();
    for (const a of alerts) byRule.set(a.rule, (byRule.get(a.rule) ?? 0) + 1);
    const score = scoreAlerts(alerts, run.labels);
    lines.push("", "Fraud");
    lines.push(
      `  alerts            ${fmt(alerts.length)}: ${[...byRule].map(([r, n]) => `${r} ${n}`).join(", ")}`,
    );
    lines.push(
      `  vs injected fraud precision ${pct(score.precision)} (${score.truePositives}/${score.alertedKeys} alerted keys), recall ${pct(score.recall)} (${score.detected}/${score.episodes} episodes)`,
    );
    const seen = new Set<string>();
    for (const a of alerts) {
      if (seen.has(a.rule)) continue;
      seen.add(a.rule);
      lines.push(`  e.g. ${a.rule} ${a.key}: ${a.reason}`);
    }
  }
  if (where) lines.push("", `results written to ${where}`);
  return lines.join("\n");
}
