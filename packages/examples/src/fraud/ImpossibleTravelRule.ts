import { PTransform, eventTimer, valueState, type DoFn, type KV, type PCollection } from "@tributary/core";
import type { ClickEvent } from "../datagen/ClickEvent";
import { haversineKm } from "../geo/haversineKm";
import type { FraudAlert } from "./FraudAlert";

/** Options of {@link ImpossibleTravelRule}. @public */
export interface ImpossibleTravelOptions {
  /** Faster than this between two payments is impossible. Default 1,000 km/h (a jet cruises at ~900). */
  readonly maxSpeedKmh: number;
  /** Ignore moves shorter than this (one metro area, GPS noise). Default 500 km. */
  readonly minDistanceKm: number;
}

/** Half the Earth's circumference: no two places are further apart. */
const MAX_DISTANCE_KM = 20_016;

/** Where and when a card paid: what the rule keeps per card. */
interface PaymentPlace {
  readonly at: number;
  readonly eventId: string;
  readonly city: string;
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
}

/**
 * Impossible travel: one card paying in two places further apart than a plane could fly in the
 * time between. A stateful DoFn keyed by card keeps the card's latest payment place in
 * `valueState`; each payment is compared with it at once (alert without waiting for a window)
 * and replaces it when it is newer. An event-time timer forgets the place once no hop from it
 * could be impossible any more: after MAX_DISTANCE_KM / `maxSpeedKmh` (about 20 hours at
 * 1,000 km/h).
 * @public
 */
export class ImpossibleTravelRule extends PTransform<PCollection<ClickEvent>, PCollection<FraudAlert>> {
  constructor(private readonly options: ImpossibleTravelOptions) {
    super("Rule[impossible_travel]");
    if (!(options.maxSpeedKmh > 0))
      throw new RangeError(`impossible_travel: maxSpeedKmh must be > 0, got ${options.maxSpeedKmh}`);
  }

  expand(events: PCollection<ClickEvent>): PCollection<FraudAlert> {
    return events
      .filter((e) => (e.type === "purchase" || e.type === "payment_failed") && e.cardId !== null, "Payments")
      .withKeys((e) => e.cardId!, "KeyByCard")
      .parDo(impossibleTravelDetector(this.options), "CompareWithLastPlace");
  }
}

/** The stateful DoFn of {@link ImpossibleTravelRule}. @public */
export function impossibleTravelDetector(
  options: ImpossibleTravelOptions,
): DoFn<KV<string, ClickEvent>, FraudAlert> {
  const { maxSpeedKmh, minDistanceKm } = options;
  const lastPlace = valueState<PaymentPlace>("lastPlace");
  const forget = eventTimer("forget");
  const memoryMs = Math.ceil((MAX_DISTANCE_KM / maxSpeedKmh) * 3_600_000);
  return {
    name: "CompareWithLastPlace",
    state: { lastPlace },
    timers: { forget },
    process(kv, ctx) {
      const e = kv.value;
      const here: PaymentPlace = {
        at: e.timestamp,
        eventId: e.eventId,
        city: e.city,
        country: e.country,
        lat: e.lat,
        lon: e.lon,
      };
      const cell = ctx.state.access(lastPlace);
      const last = cell.read();
      if (last !== undefined) {
        // Arrival order may differ from event-time order: the hop goes from the earlier payment.
        const [from, to] = last.at <= here.at ? [last, here] : [here, last];
        const hop = impossibleHop(from, to, maxSpeedKmh, minDistanceKm);
        if (hop) {
          ctx.output({
            rule: "impossible_travel",
            key: kv.key,
            at: e.timestamp,
            evidenceStart: from.at,
            evidenceEnd: to.at,
            reason: `paid in ${from.city}, ${from.country} then ${to.city}, ${to.country} ${Math.round(hop.km)} km apart ${hop.minutes.toFixed(1)} min later (${Math.round(hop.kmh)} km/h)`,
            evidence: {
              fromCity: from.city,
              toCity: to.city,
              km: Math.round(hop.km),
              minutes: Math.round(hop.minutes * 10) / 10,
              kmh: Math.round(hop.kmh),
              fromEventId: from.eventId,
              toEventId: to.eventId,
            },
          });
          ctx.metrics.counter("alerts").inc();
        }
        if (last.at > here.at) return;
      }
      cell.write(here);
      ctx.timers.access(forget).set(here.at + memoryMs);
    },
    onTimer(ctx) {
      ctx.state.access(lastPlace).clear();
    },
  };
}

/** A move between two payments (of one card, `from` before `to`). @public */
export interface Hop {
  readonly km: number;
  readonly minutes: number;
  readonly kmh: number;
}

/** The hop from `from` to `to` if it covers at least `minDistanceKm` faster than `maxSpeedKmh`, else undefined. @public */
export function impossibleHop(
  from: { readonly at: number; readonly lat: number; readonly lon: number },
  to: { readonly at: number; readonly lat: number; readonly lon: number },
  maxSpeedKmh: number,
  minDistanceKm: number,
): Hop | undefined {
  const km = haversineKm(from.lat, from.lon, to.lat, to.lon);
  if (km < minDistanceKm) return undefined;
  const minutes = (to.at - from.at) / 60_000;
  const kmh = minutes > 0 ? km / (minutes / 60) : Infinity;
  return kmh > maxSpeedKmh ? { km, minutes, kmh } : undefined;
}
