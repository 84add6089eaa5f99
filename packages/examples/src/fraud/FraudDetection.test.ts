import { describe, expect, it } from "vitest";
import { Pipeline, createTimestamped, minutes, seconds } from "@tributary/core";
import { TestStream, assertThat } from "@tributary/core/testing";
import type { ClickEvent } from "../datagen/ClickEvent";
import { generateClickStream } from "../datagen/generateClickStream";
import { CITIES } from "../datagen/Catalog";
import { haversineKm } from "../geo/haversineKm";
import { fraudOracle } from "../oracles/fraudOracle";
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
  it("card velocity: one alert per burst of 5+ purchases within 5 minutes, none for a slower card", async () => {
    const t0 = minutes(60);
    const burst = [0, 20, 40, 60, 80, 100, 120].map((s) => payment("c1", t0 + s * 1000, "Paris")); // 7 in 2 min
    const later = [0, 10, 20, 30, 40].map((s) => payment("c1", t0 + minutes(30) + s * 1000, "Paris")); // a second burst
    const calm = [0, 2, 4, 6, 8, 10].map((m) => payment("c2", t0 + minutes(m), "Paris")); // one every 2 min
    const { p, alerts } = detect([...burst, ...later, ...calm]);
    assertThat(
      alerts.filter((a) => a.rule === "card_velocity").map((a) => `${a.key}@${a.at}:${a.evidence["count"]}`),
    ).containsInAnyOrder(`c1@${t0 + 80_000}:5`, `c1@${t0 + minutes(30) + 40_000}:5`);
    await p.run();
  });

  it("card velocity is the same whatever the arrival order, and the expiry timer ends a burst", async () => {
    const t0 = minutes(60);
    const ts = [0, 50, 100, 150, 200, 250].map((s) => t0 + s * 1000);
    const shuffled = [ts[3]!, ts[0]!, ts[5]!, ts[1]!, ts[4]!, ts[2]!];
    const stream = TestStream.create<ClickEvent>()
      .addElements(...shuffled.map((t) => ({ value: payment("c1", t, "Paris"), timestamp: t })))
      .advanceWatermarkTo(t0 + minutes(20)) // the expiry timer fires: c1's burst is over
      .addElements(
        ...[0, 10, 20, 30, 40].map((s) => ({
          value: payment("c1", t0 + minutes(25) + s * 1000, "Paris"),
          timestamp: t0 + minutes(25) + s * 1000,
        })),
      )
      .advanceWatermarkToInfinity();
    const p = Pipeline.create();
    const alerts = p.apply(stream).apply(new FraudDetection()).alerts;
    assertThat(alerts.map((a) => `${a.rule}:${a.evidence["count"]}`)).containsInAnyOrder(
      "card_velocity:5",
      "card_velocity:5",
    );
    await p.run();
  });

  it("click bot: 60 views by one user within a minute alert once", async () => {
    const t0 = minutes(10);
    const view = (user: string, t: number): ClickEvent => ({
      ...payment("none", t, "Paris"),
      type: "product_view",
      userId: user,
      cardId: null,
      amountCents: null,
      items: null,
    });
    const bot = Array.from({ length: 200 }, (_, i) => view("bot", t0 + i * seconds(0.5)));
    const human = Array.from({ length: 100 }, (_, i) => view("human", t0 + i * seconds(5)));
    const { p, alerts } = detect([...bot, ...human]);
    assertThat(alerts.map((a) => `${a.rule}:${a.key}:${a.at}`)).containsInAnyOrder(
      `click_bot:bot:${t0 + 59 * seconds(0.5)}`,
    );
    await p.run();
  });

  it("impossible travel: a hop faster than a plane alerts at once; a plausible one does not", async () => {
    const t0 = minutes(600);
    const events = [
      payment("c1", t0, "London"),
      payment("c1", t0 + minutes(40), "New York"), // 5,570 km in 40 min
      payment("c2", t0, "London"),
      payment("c2", t0 + minutes(50), "Paris", 5_000, "payment_failed"), // 340 km: below the distance floor
      payment("c3", t0, "Berlin"),
      payment("c3", t0 + minutes(55), "Madrid"), // 1,870 km in 55 min = 2,040 km/h
      payment("c4", t0, "Tokyo"),
      payment("c4", t0 + minutes(73), "Seoul"), // 1,160 km in 73 min: plausible
      payment("c5", t0, "Sydney"),
      payment("c5", t0 + minutes(60 * 22), "London"), // 17,000 km in 22 h: plausible, and forgotten by then
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
    // Arrival order reversed: the rule orders each hop by event time itself.
    const { p, alerts } = detect([...events].reverse());
    assertThat(
      alerts
        .filter((a) => a.rule === "impossible_travel")
        .map((a) => `${a.key}:${a.evidence["fromCity"]}->${a.evidence["toCity"]}`),
    ).containsInAnyOrder(...expected);
    await p.run();
  });

  it("high value first purchase: only a new card's first purchase counts", async () => {
    const t0 = minutes(120);
    const events = [
      payment("new", t0, "Paris", 300_000),
      payment("regular", t0, "Paris", 5_000),
      payment("regular", t0 + minutes(10), "Paris", 300_000), // large, but not the card's first
      payment("small", t0, "Paris", 140_000), // first, below $1,500
    ];
    const { p, alerts } = detect(events);
    assertThat(alerts.map((a) => `${a.rule}:${a.key}`)).containsInAnyOrder("high_value_first_purchase:new");
    await p.run();
  });
});

describe("FraudDetection on the generated stream", () => {
  it("raises exactly the alerts of the batch oracle (no late data)", async () => {
    const { events } = generateClickStream({
      seed: 5,
      durationMs: minutes(120),
      eventsPerSecond: 20,
      fraudPerThousandSessions: 20,
      lateFraction: 0,
    });
    const oracle = fraudOracle(events);
    expect(new Set(oracle.map((a) => a.rule)).size).toBe(5);
    const { p, alerts } = detect(events);
    // Which event completes a burst depends on arrival order within the disorder bound: compare
    // the alerts per rule and key (one per burst, one per impossible hop).
    assertThat(alerts.map((a) => `${a.rule}|${a.key}`)).containsInAnyOrder(
      ...oracle.map((a) => `${a.rule}|${a.key}`),
    );
    await p.run();
  });

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
    console.log(
      `fraud on seed 9: precision ${score!.precision.toFixed(3)} (${score!.truePositives}/${score!.alertedKeys}), recall ${score!.recall.toFixed(3)} (${score!.detected}/${score!.episodes})`,
    );
    expect(score!.precision).toBeGreaterThanOrEqual(0.95);
    expect(score!.recall).toBeGreaterThanOrEqual(0.95);
  });
});
