import type { ClickEvent } from "../datagen/ClickEvent";
import { DEFAULT_FRAUD_OPTIONS, type RateLimit } from "../fraud/FraudDetection";
import type { FraudRule } from "../fraud/FraudAlert";
import { impossibleHop } from "../fraud/ImpossibleTravelRule";

/** One alert the batch oracle expects: rule, key and the event time of the event that fires it. @public */
export interface ExpectedAlert {
  readonly rule: FraudRule;
  readonly key: string;
  readonly at: number;
}

const byTime = (a: ClickEvent, b: ClickEvent) =>
  a.timestamp - b.timestamp || (a.eventId < b.eventId ? -1 : 1);

function groupSorted(events: readonly ClickEvent[], keyOf: (e: ClickEvent) => string | null) {
  const groups = new Map<string, ClickEvent[]>();
  for (const e of events) {
    const k = keyOf(e);
    if (k === null) continue;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(e);
  }
  for (const g of groups.values()) g.sort(byTime);
  return groups;
}

/** Runs separated by a gap of at least `within`; in each, the first event that completes `threshold` within `within`. */
function bursts(rule: FraudRule, groups: Map<string, ClickEvent[]>, { threshold, within }: RateLimit) {
  const out: ExpectedAlert[] = [];
  for (const [key, evs] of groups) {
    let runStart = 0;
    for (let i = 0; i < evs.length; i++) {
      if (i > 0 && evs[i]!.timestamp - evs[i - 1]!.timestamp >= within) runStart = i;
      const first = i - threshold + 1;
      if (first < runStart || evs[i]!.timestamp - evs[first]!.timestamp >= within) continue;
      out.push({ rule, key, at: evs[i]!.timestamp });
      // Quiet until the run ends.
      while (i + 1 < evs.length && evs[i + 1]!.timestamp - evs[i]!.timestamp < within) i++;
    }
  }
  return out;
}

/**
 * The alerts {@link FraudDetection} must raise on `events` with the default thresholds, computed
 * in batch from the whole stream sorted by event time — the reference the streaming rules are
 * checked against (they see the same events in arrival order, one at a time).
 * @public
 */
export function fraudOracle(events: readonly ClickEvent[]): ExpectedAlert[] {
  const o = DEFAULT_FRAUD_OPTIONS;
  const purchases = events.filter((e) => e.type === "purchase");
  const byCard = (evs: readonly ClickEvent[]) => groupSorted(evs, (e) => e.cardId);
  const alerts = [
    ...bursts("card_velocity", byCard(purchases), o.cardVelocity),
    ...bursts(
      "failed_payment_burst",
      byCard(events.filter((e) => e.type === "payment_failed")),
      o.failedPayments,
    ),
    ...bursts(
      "click_bot",
      groupSorted(
        events.filter((e) => e.type === "page_view" || e.type === "product_view"),
        (e) => e.userId,
      ),
      o.clickRate,
    ),
  ];
  const payments = byCard(events.filter((e) => e.type === "purchase" || e.type === "payment_failed"));
  for (const [key, evs] of payments) {
    for (let i = 1; i < evs.length; i++) {
      const [a, b] = [evs[i - 1]!, evs[i]!];
      const hop = impossibleHop(
        { at: a.timestamp, lat: a.lat, lon: a.lon },
        { at: b.timestamp, lat: b.lat, lon: b.lon },
        o.impossibleTravel.maxSpeedKmh,
        o.impossibleTravel.minDistanceKm,
      );
      if (hop) alerts.push({ rule: "impossible_travel", key, at: b.timestamp });
    }
  }
  for (const [key, evs] of byCard(purchases)) {
    for (let i = 0; i < evs.length; i++) {
      const isNew = i === 0 || evs[i]!.timestamp - evs[i - 1]!.timestamp >= o.highValueFirstPurchase.memory;
      if (isNew && evs[i]!.amountCents! >= o.highValueFirstPurchase.minAmountCents)
        alerts.push({ rule: "high_value_first_purchase", key, at: evs[i]!.timestamp });
    }
  }
  return alerts;
}
