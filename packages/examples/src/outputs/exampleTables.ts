import type { TableFieldSchema } from "@tributary/io-bigquery";
import type {
  FunnelRow,
  PageCountRow,
  ReferrerCountRow,
  SessionRow,
  SessionSummaryRow,
  TopPagesRow,
} from "../clickstream/ClickstreamAnalytics";
import type { FraudAlert } from "../fraud/FraudAlert";
import type { RelatedProductsRow } from "../recommendations/RelatedProducts";
import type { WindowFields } from "../rows/windowFields";
import type { TableSpec } from "./TableSpec";

const req = (name: string, type: TableFieldSchema["type"]): TableFieldSchema => ({
  name,
  type,
  mode: "REQUIRED",
});
const repeated = (name: string, type: TableFieldSchema["type"]): TableFieldSchema => ({
  name,
  type,
  mode: "REPEATED",
});

const WINDOW_FIELDS: readonly TableFieldSchema[] = [
  req("window_start", "TIMESTAMP"),
  req("window_end", "TIMESTAMP"),
  req("timing", "STRING"),
  req("pane_index", "INT64"),
  req("is_final", "BOOL"),
];
const windowColumns = (r: WindowFields) => ({
  window_start: r.windowStart,
  window_end: r.windowEnd,
  timing: r.timing,
  pane_index: r.paneIndex,
  is_final: r.isFinal,
});

/** Window-pane tables: partitioned by the day of `window_start`. */
function windowed<T extends WindowFields>(
  fields: readonly TableFieldSchema[],
  columns: (r: T) => Record<string, unknown>,
  clusterBy?: readonly string[],
): TableSpec<T> {
  return {
    schema: { fields: [...WINDOW_FIELDS, ...fields] },
    toRow: (r) => ({ ...windowColumns(r), ...columns(r) }),
    partitionByDay: "window_start",
    ...(clusterBy && { clusterBy }),
  };
}

const relatedProducts = windowed<RelatedProductsRow>(
  [req("product_id", "STRING"), repeated("related_ids", "STRING"), repeated("related_scores", "INT64")],
  (r) => ({
    product_id: r.productId,
    related_ids: r.related.map((x) => x.productId),
    related_scores: r.related.map((x) => x.score),
  }),
  ["product_id"],
);

/**
 * The tables the example pipelines write, by name (`<pipeline>_<result>`). Flat columns only
 * (lists of records become parallel REPEATED columns, alert evidence JSON text), so every table
 * works on BigQuery, on DuckDB and on the local BigQuery emulator alike. Clickstream tables are
 * partitioned by day and clustered by page (or their own key).
 * @public
 */
export const EXAMPLE_TABLES = {
  clickstream_page_counts: windowed<PageCountRow>(
    [req("page", "STRING"), req("views", "INT64")],
    (r) => ({ page: r.page, views: r.views }),
    ["page"],
  ),
  clickstream_referrer_counts: windowed<ReferrerCountRow>(
    [req("referrer", "STRING"), req("events", "INT64")],
    (r) => ({ referrer: r.referrer, events: r.events }),
    ["referrer"],
  ),
  clickstream_sessions: windowed<SessionRow>(
    [
      req("user_id", "STRING"),
      req("first_event", "TIMESTAMP"),
      req("last_event", "TIMESTAMP"),
      req("duration_ms", "INT64"),
      req("events", "INT64"),
      req("product_views", "INT64"),
      req("add_to_carts", "INT64"),
      req("purchases", "INT64"),
      req("revenue_cents", "INT64"),
    ],
    (r) => ({
      user_id: r.userId,
      first_event: r.firstEvent,
      last_event: r.lastEvent,
      duration_ms: r.durationMs,
      events: r.events,
      product_views: r.productViews,
      add_to_carts: r.addToCarts,
      purchases: r.purchases,
      revenue_cents: r.revenueCents,
    }),
    ["user_id"],
  ),
  clickstream_session_summary: windowed<SessionSummaryRow>(
    [
      req("sessions", "INT64"),
      req("mean_duration_sec", "FLOAT64"),
      req("mean_events", "FLOAT64"),
      req("bounce_rate", "FLOAT64"),
      req("conversion_rate", "FLOAT64"),
      req("revenue_cents", "INT64"),
    ],
    (r) => ({
      sessions: r.sessions,
      mean_duration_sec: r.meanDurationSec,
      mean_events: r.meanEvents,
      bounce_rate: r.bounceRate,
      conversion_rate: r.conversionRate,
      revenue_cents: r.revenueCents,
    }),
  ),
  clickstream_funnel: windowed<FunnelRow>(
    [
      req("sessions", "INT64"),
      req("viewed_product", "INT64"),
      req("added_to_cart", "INT64"),
      req("checked_out", "INT64"),
      req("purchased", "INT64"),
      req("conversion_rate", "FLOAT64"),
    ],
    (r) => ({
      sessions: r.sessions,
      viewed_product: r.viewedProduct,
      added_to_cart: r.addedToCart,
      checked_out: r.checkedOut,
      purchased: r.purchased,
      conversion_rate: r.conversionRate,
    }),
  ),
  clickstream_top_pages: windowed<TopPagesRow>(
    [repeated("pages", "STRING"), repeated("views", "INT64")],
    (r) => ({ pages: r.pages.map((p) => p.page), views: r.pages.map((p) => p.views) }),
  ),
  recommendations_co_viewed: relatedProducts,
  recommendations_bought_together: relatedProducts,
  fraud_alerts: {
    schema: {
      fields: [
        req("rule", "STRING"),
        req("key", "STRING"),
        req("at", "TIMESTAMP"),
        req("evidence_start", "TIMESTAMP"),
        req("evidence_end", "TIMESTAMP"),
        req("reason", "STRING"),
        req("evidence", "STRING"),
      ],
    },
    toRow: (a: FraudAlert) => ({
      rule: a.rule,
      key: a.key,
      at: a.at,
      evidence_start: a.evidenceStart,
      evidence_end: a.evidenceEnd,
      reason: a.reason,
      evidence: JSON.stringify(a.evidence),
    }),
    partitionByDay: "at",
    clusterBy: ["rule", "key"],
  } satisfies TableSpec<FraudAlert>,
} as const;

/** The name of one of {@link EXAMPLE_TABLES}. @public */
export type ExampleTable = keyof typeof EXAMPLE_TABLES;
