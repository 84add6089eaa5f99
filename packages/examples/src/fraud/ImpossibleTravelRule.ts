import { PTransform, sessions, type Duration, type KV, type PCollection } from "@tributary/core";
import type { ClickEvent } from "../datagen/ClickEvent";
import { haversineKm } from "../geo/haversineKm";
import { windowFieldsOf } from "../rows/windowFields";
import type { FraudAlert } from "./FraudAlert";

/** Options of {@link ImpossibleTravelRule}. @public */
export interface ImpossibleTravelOptions {
  /** Payments of one card closer together than this are compared. Default 1 hour. */
  readonly gap: Duration;
  /** Faster than this between two payments is impossible. Default 1,000 km/h (a jet's cruise). */
  readonly maxSpeedKmh: number;
  /** Ignore moves shorter than this (cities, GPS noise). Default 500 km. */
  readonly minDistanceKm: number;
}

/**
 * Impossible travel: one card paying in two places further apart than a plane could fly in the
 * time between. Payments (purchases and declined payments) are grouped per card in session
 * windows with `gap`, so a chain of payments each within `gap` of the previous is compared
 * pairwise in time order; each impossible hop is one alert.
 * @public
 */
export class ImpossibleTravelRule extends PTransform<PCollection<ClickEvent>, PCollection<FraudAlert>> {
  constructor(private readonly options: ImpossibleTravelOptions) {
    super("Rule[impossible_travel]");
  }

  expand(events: PCollection<ClickEvent>): PCollection<FraudAlert> {
    const { gap, maxSpeedKmh, minDistanceKm } = this.options;
    return events
      .filter((e) => (e.type === "purchase" || e.type === "payment_failed") && e.cardId !== null, "Payments")
      .withKeys((e) => e.cardId!, "KeyByCard")
      .windowInto(sessions(gap), {}, "PaymentSessions")
      .groupByKey("GroupByCard")
      .parDo<FraudAlert>(
        {
          name: "FindImpossibleHops",
          process(g: KV<string, ClickEvent[]>, ctx) {
            const w = windowFieldsOf(ctx.window, ctx.pane);
            for (const hop of impossibleHops(g.value, maxSpeedKmh, minDistanceKm)) {
              ctx.output({
                rule: "impossible_travel",
                key: g.key,
                at: hop.to.timestamp,
                windowStart: w.windowStart,
                windowEnd: w.windowEnd,
                reason: `paid in ${hop.from.city}, ${hop.from.country} then ${hop.to.city}, ${hop.to.country} ${Math.round(hop.km)} km apart ${hop.minutes.toFixed(1)} min later (${Math.round(hop.kmh)} km/h)`,
                evidence: {
                  fromCity: hop.from.city,
                  toCity: hop.to.city,
                  km: Math.round(hop.km),
                  minutes: Math.round(hop.minutes * 10) / 10,
                  kmh: Math.round(hop.kmh),
                  fromEventId: hop.from.eventId,
                  toEventId: hop.to.eventId,
                },
              });
            }
          },
        },
        "FindImpossibleHops",
      );
  }
}

/** A move between two consecutive payments. @public */
export interface Hop {
  readonly from: ClickEvent;
  readonly to: ClickEvent;
  readonly km: number;
  readonly minutes: number;
  readonly kmh: number;
}

/** The consecutive payments (in event-time order) faster than `maxSpeedKmh` over at least `minDistanceKm`. @public */
export function impossibleHops(
  payments: readonly ClickEvent[],
  maxSpeedKmh: number,
  minDistanceKm: number,
): Hop[] {
  const sorted = [...payments].sort((a, b) => a.timestamp - b.timestamp || (a.eventId < b.eventId ? -1 : 1));
  const hops: Hop[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const from = sorted[i - 1]!;
    const to = sorted[i]!;
    const km = haversineKm(from.lat, from.lon, to.lat, to.lon);
    if (km < minDistanceKm) continue;
    const minutes = (to.timestamp - from.timestamp) / 60_000;
    const kmh = minutes > 0 ? km / (minutes / 60) : Infinity;
    if (kmh > maxSpeedKmh) hops.push({ from, to, km, minutes, kmh });
  }
  return hops;
}
