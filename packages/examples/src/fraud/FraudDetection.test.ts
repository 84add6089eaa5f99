import { describe, expect, it } from "vitest";
import { Pipeline, createTimestamped, minutes } from "@tributary/core";
import { assertThat } from "@tributary/core/testing";
import type { ClickEvent } from "../datagen/ClickEvent";
import { generateClickStream } from "../datagen/generateClickStream";
import { CITIES } from "../datagen/Catalog";
import { haversineKm } from "../geo/haversineKm";
import { scoreAlerts } from "../cli/scoreAlerts";
import type { FraudAlert } from "./FraudAlert";
import { FraudDetection } from "./FraudDetection";

let seq = 0;
function payment(
  cardId: string,
  timestamp: number,
  city: string,
  amountCents = 5_000,
  type: ClickEvent["type"] = "purchase",
): ClickEvent {
  const c = CITIES.find((x) => x.city === city)!;
  return {
    eventId: `t-${seq++}`,
    type,
    timestamp,
    userId: `user-${cardId}`,
    sessionId: "s",
    page: "/checkout",
    productId: null,
    category: null,
    referrer: "direct",
    device: "desktop",
    country: c.country,
    city: c.city,
    lat: c.lat,
    lon: c.lon,
    amountCents,
    cardId,
    items: ["p1"],
  };
}

function detect(events: readonly ClickEvent[]) {
  const p = Pipeline.create();
  const input = p.apply(createTimestamped(events.map((e) => ({ value: e, timestamp: e.timestamp }))));
  return { p, alerts: input.apply(new FraudDetection()).alerts };
}

describe("FraudDetection rules", () => {
  it("card velocity: alerts in every 5-minute sliding window holding 5 or more purchases of one card", async () => {
    const t0 = minutes(60);
    const burst = [0, 20, 40, 60, 80, 100].map((s) => payment("c1", t0 + s * 1000, "Paris")); // 6 in 100 s
    const calm = [0, 3, 6, 9, 12, 15].map((m) => payment("c2", t0 + minutes(m), "Paris")); // 6 in 15 min
    // Oracle: window starts are multiples of 1 minute; window [s, s + 5 min) alerts when >= 5 inside.
    const expected: string[] = [];
    for (const card of [burst, calm]) {
      const starts = new Set(
        card
          .map((e) => e.timestamp - (e.timestamp % minutes(1)))
          .flatMap((s) => [0, 1, 2, 3, 4].map((k) => s - minutes(k))),
      );
      for (const s of starts) {
        const n = card.filter((e) => e.timestamp >= s && e.timestamp < s + minutes(5)).length;
        if (n >= 5) expected.push(`${card[0]!.cardId}@${s}:${n}`);
      }
    }
    expect(expected.length).toBeGreaterThan(0);
    const { p, alerts } = detect([...burst, ...calm]);
    assertThat(
      alerts
        .filter((a) => a.rule === "card_velocity")
        .map((a) => `${a.key}@${a.windowStart}:${a.evidence["count"]}`),
    ).containsInAnyOrder(...expected);
    await p.run();
  });

  it("impossible travel: a hop faster than a plane alerts; a plausible one does not", async () => {
    const t0 = minutes(600);
    const events = [
      payment("c1", t0, "London"),
      payment("c1", t0 + minutes(40), "New York"), // 5,570 km in 40 min
      payment("c2", t0, "London"),
      payment("c2", t0 + minutes(50), "Paris", 5_000, "payment_failed"), // 340 km: below the distance floor
      payment("c3", t0, "Berlin"),
      payment("c3", t0 + minutes(55), "Madrid"), // 1,870 km in 55 min = 2,040 km/h
      payment("c4", t0, "Tokyo"),
      payment("c4", t0 + minutes(59) + 14 * 60_000, "Seoul"), // 1,160 km in 73 min: plausible, and apart
    ];
    const hop = (a: ClickEvent, b: ClickEvent) =>
      haversineKm(a.lat, a.lon, b.lat, b.lon) / ((b.timestamp - a.timestamp) / 3_600_000);
    const expected = [];
    for (let i = 0; i < events.length; i += 2) {
      const [a, b] = [events[i]!, events[i + 1]!];
      if (haversineKm(a.lat, a.lon, b.lat, b.lon) >= 500 && hop(a, b) > 1000)
        expected.push(`${a.cardId}:${a.city}->${b.city}`);
    }
    expect(expected).toEqual(["c1:London->New York", "c3:Berlin->Madrid"]);
    const { p, alerts } = detect(events);
    assertThat(
      alerts
        .filter((a) => a.rule === "impossible_travel")
        .map((a) => `${a.key}:${a.evidence["fromCity"]}->${a.evidence["toCity"]}`),
    ).containsInAnyOrder(...expected);
    await p.run();
  });

  it("high value: compares each purchase with its hour's mean amount (side input)", async () => {
    const t0 = minutes(120);
    const normal = Array.from({ length: 50 }, (_, i) =>
      payment(`n${i}`, t0 + i * 60_000, "Paris", 4_000 + 100 * i),
    );
    const big = payment("big", t0 + minutes(30), "Paris", 300_000);
    const medium = payment("medium", t0 + minutes(31), "Paris", 140_000); // above 10× the mean, below the $1,500 floor
    const all = [...normal, big, medium];
    const mean = all.reduce((s, e) => s + e.amountCents!, 0) / all.length;
    const expected = all
      .filter((e) => e.amountCents! >= 150_000 && e.amountCents! >= 10 * mean)
      .map((e) => e.cardId!);
    expect(expected).toEqual(["big"]);
    const { p, alerts } = detect(all);
    assertThat(alerts.filter((a) => a.rule === "high_value_purchase").map((a) => a.key)).containsInAnyOrder(
      ...expected,
    );
    await p.run();
  });
});

describe("FraudDetection on the generated stream", () => {
  it("finds the injected fraud with precision and recall >= 0.95", async () => {
    const duration = minutes(180);
    const { events, labels } = generateClickStream({
      seed: 9,
      durationMs: duration,
      eventsPerSecond: 20,
      fraudPerThousandSessions: 20,
    });
    const { p, alerts } = detect(events);
    const start = Math.min(...events.map((e) => e.timestamp));
    // Only episodes that were generated whole can be expected to be found.
    const complete = labels.filter((l) => l.end < start + duration);
    let score: ReturnType<typeof scoreAlerts> | undefined;
    assertThat(alerts).satisfies((found: FraudAlert[]) => {
      const relevant = found.filter((a) => !labels.some((l) => l.key === a.key && !complete.includes(l)));
      score = scoreAlerts(relevant, complete);
    });
    await p.run();
    expect(complete.length).toBeGreaterThan(40);
    expect(score!.precision).toBeGreaterThanOrEqual(0.95);
    expect(score!.recall).toBeGreaterThanOrEqual(0.95);
  });
});
