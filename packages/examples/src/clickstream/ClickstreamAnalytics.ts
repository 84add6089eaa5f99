import {
  PTransform,
  afterCount,
  afterProcessingTime,
  afterWatermark,
  combiners,
  fixedWindows,
  hours,
  minutes,
  seconds,
  sessions,
  type Duration,
  type KV,
  type PCollection,
} from "@tributary/core";
import type { ClickEvent } from "../datagen/ClickEvent";
import { toWindowedRows, type WindowFields } from "../rows/windowFields";
import { funnelFn, type FunnelCounts } from "./funnelFn";
import { sessionStatsFn, type SessionStats } from "./sessionStatsFn";
import { sessionSummaryFn, type SessionSummary } from "./sessionSummaryFn";

/** Options of {@link ClickstreamAnalytics}; the defaults are what the CLI runs. @public */
export interface ClickstreamOptions {
  /** Size of the page and referrer count windows. Default 1 minute. */
  readonly countWindow?: Duration;
  /** Speculative (EARLY) panes this long of processing time after new data. Default 10 s. */
  readonly earlyFiringDelay?: Duration;
  /** Late data within this bound updates counts in LATE panes. Default 5 minutes. */
  readonly allowedLateness?: Duration;
  /** Inactivity that ends a user's session. Default 30 minutes. */
  readonly sessionGap?: Duration;
  /** Window of the session summary. Default 1 hour. */
  readonly sessionSummaryWindow?: Duration;
  /** Window of the conversion funnel. Default 5 minutes. */
  readonly funnelWindow?: Duration;
  /** Window of the top-pages ranking, and its length. Default 10 minutes, top 5. */
  readonly topPagesWindow?: Duration;
  readonly topN?: number;
}

/** Views of one page (or events of one referrer) in one window pane. @public */
export interface PageCountRow extends WindowFields {
  readonly page: string;
  readonly views: number;
}

/** Events from one referrer in one window pane. @public */
export interface ReferrerCountRow extends WindowFields {
  readonly referrer: string;
  readonly events: number;
}

/** One user session, as found by session windows. @public */
export interface SessionRow extends WindowFields, SessionStats {
  readonly userId: string;
}

/** The most viewed pages of one window. @public */
export interface TopPagesRow extends WindowFields {
  readonly pages: ReadonlyArray<{ readonly page: string; readonly views: number }>;
}

/** Summary of the sessions that ended in one window. @public */
export type SessionSummaryRow = WindowFields & SessionSummary;

/** Distinct sessions reaching each step of the purchase funnel in one window. @public */
export type FunnelRow = WindowFields & FunnelCounts;

/** The outputs of {@link ClickstreamAnalytics}, one table each. @public */
export interface ClickstreamResults {
  readonly pageCounts: PCollection<PageCountRow>;
  readonly referrerCounts: PCollection<ReferrerCountRow>;
  readonly sessions: PCollection<SessionRow>;
  readonly sessionSummary: PCollection<SessionSummaryRow>;
  readonly funnel: PCollection<FunnelRow>;
  readonly topPages: PCollection<TopPagesRow>;
}

/** Page views: what counts towards a page's traffic. */
export function isView(e: ClickEvent): boolean {
  return e.type === "page_view" || e.type === "product_view";
}

/** Orders page counts by views, then by page name (smaller name ranks higher), so ties are deterministic. */
export function byViewsThenPage(a: KV<string, number>, b: KV<string, number>): number {
  return a.value - b.value || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
}

/**
 * Click-stream analytics over {@link ClickEvent}s:
 * - `pageCounts`: views per page per fixed window, with EARLY panes every `earlyFiringDelay` of
 *   processing time, the ON_TIME pane when the watermark passes the window, and LATE panes for
 *   late data within `allowedLateness` (accumulating: each pane holds the total so far);
 * - `referrerCounts`: events per referrer, windowed and triggered the same way;
 * - `sessions`: one row per user session (session windows with `sessionGap`), and
 *   `sessionSummary`: sessions, mean duration, bounce and conversion rates per hour;
 * - `funnel`: distinct sessions that viewed, viewed a product, added to cart, checked out and
 *   purchased, per `funnelWindow`;
 * - `topPages`: the `topN` most viewed pages per `topPagesWindow` (`combiners.top`).
 * @example
 * ```ts
 * const results = clicks.apply("Clickstream", new ClickstreamAnalytics());
 * outputs.write("page_counts", results.pageCounts);
 * ```
 * @public
 */
export class ClickstreamAnalytics extends PTransform<PCollection<ClickEvent>, ClickstreamResults> {
  private readonly o: Required<ClickstreamOptions>;

  constructor(options: ClickstreamOptions = {}) {
    super("ClickstreamAnalytics");
    this.o = {
      countWindow: options.countWindow ?? minutes(1),
      earlyFiringDelay: options.earlyFiringDelay ?? seconds(10),
      allowedLateness: options.allowedLateness ?? minutes(5),
      sessionGap: options.sessionGap ?? minutes(30),
      sessionSummaryWindow: options.sessionSummaryWindow ?? hours(1),
      funnelWindow: options.funnelWindow ?? minutes(5),
      topPagesWindow: options.topPagesWindow ?? minutes(10),
      topN: options.topN ?? 5,
    };
  }

  expand(events: PCollection<ClickEvent>): ClickstreamResults {
    const o = this.o;
    const speculative = events.windowInto(
      fixedWindows(o.countWindow),
      {
        trigger: afterWatermark()
          .withEarlyFirings(afterProcessingTime(o.earlyFiringDelay))
          .withLateFirings(afterCount(1)),
        accumulation: "ACCUMULATING",
        allowedLateness: o.allowedLateness,
      },
      "WindowForCounts",
    );
    const pageCounts = speculative
      .filter(isView, "Views")
      .withKeys((e) => e.page, "KeyByPage")
      .combinePerKey(combiners.count(), "CountPerPage")
      .apply(
        "PageCountRows",
        toWindowedRows((c: KV<string, number>, w): PageCountRow => ({ ...w, page: c.key, views: c.value })),
      );
    const referrerCounts = speculative
      .withKeys((e) => e.referrer, "KeyByReferrer")
      .combinePerKey(combiners.count(), "CountPerReferrer")
      .apply(
        "ReferrerCountRows",
        toWindowedRows((c: KV<string, number>, w): ReferrerCountRow => ({
          ...w,
          referrer: c.key,
          events: c.value,
        })),
      );

    const sessionRows = events
      .withKeys((e) => e.userId, "KeyByUser")
      .windowInto(sessions(o.sessionGap), {}, "WindowIntoSessions")
      .combinePerKey(sessionStatsFn, "SessionStats")
      .apply(
        "SessionRows",
        toWindowedRows((s: KV<string, SessionStats>, w): SessionRow => ({ ...w, userId: s.key, ...s.value })),
      );
    const sessionSummary = sessionRows
      .windowInto(fixedWindows(o.sessionSummaryWindow), {}, "WindowSessionsHourly")
      .combineGlobally(sessionSummaryFn, "SummarizeSessions")
      .apply(
        "SessionSummaryRows",
        toWindowedRows((s: SessionSummary, w): SessionSummaryRow => ({ ...w, ...s })),
      );

    const funnel = events
      .windowInto(fixedWindows(o.funnelWindow), {}, "WindowForFunnel")
      .combineGlobally(funnelFn, "Funnel")
      .apply(
        "FunnelRows",
        toWindowedRows((f: FunnelCounts, w): FunnelRow => ({ ...w, ...f })),
      );

    const topPages = events
      .filter(isView, "ViewsForRanking")
      .windowInto(fixedWindows(o.topPagesWindow), {}, "WindowForRanking")
      .withKeys((e) => e.page, "KeyByPageForRanking")
      .combinePerKey(combiners.count(), "CountForRanking")
      .combineGlobally(combiners.top(o.topN, byViewsThenPage), "TopPages")
      .apply(
        "TopPagesRows",
        toWindowedRows((top: KV<string, number>[], w): TopPagesRow => ({
          ...w,
          pages: top.map((c) => ({ page: c.key, views: c.value })),
        })),
      );

    return { pageCounts, referrerCounts, sessions: sessionRows, sessionSummary, funnel, topPages };
  }
}
