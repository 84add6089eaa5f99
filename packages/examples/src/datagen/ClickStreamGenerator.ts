import { MAX_TIMESTAMP, MIN_TIMESTAMP } from "@tributary/core";
import { CATEGORIES, CITIES, REFERRERS, makeProducts, type City, type Product } from "./Catalog";
import type { ClickEvent, Device, EventType } from "./ClickEvent";
import {
  resolveClickStreamOptions,
  type ClickStreamOptions,
  type ResolvedClickStreamOptions,
} from "./ClickStreamOptions";
import type { FraudLabel, FraudPattern } from "./FraudLabel";
import { Random } from "./Random";
import { TimeHeap } from "./TimeHeap";
import { haversineKm } from "../geo/haversineKm";
import { Zipf } from "./Zipf";

/** What one shopper session carries between its events. */
interface Session {
  readonly kind: "session";
  readonly userId: string;
  readonly sessionId: string;
  readonly device: Device;
  readonly referrer: string;
  readonly city: City;
  readonly cardId: string;
  last: EventType;
  cart: Product[];
  product: Product | null;
  remaining: number;
}

/** A scripted episode (fraud, bots): fixed events at fixed times. */
interface Episode {
  readonly kind: "episode";
  readonly label: { pattern: FraudPattern; key: string; start: number; end: number; eventIds: string[] };
  readonly steps: Array<{ time: number; fill: Omit<ClickEvent, "eventId" | "timestamp"> }>;
  next: number;
}

interface Arrivals {
  readonly kind: "arrivals";
}

type Actor = Session | Episode | Arrivals;

const ARRIVALS: Arrivals = { kind: "arrivals" };
const DEVICES: ReadonlyArray<readonly [Device, number]> = [
  ["mobile", 55],
  ["desktop", 38],
  ["tablet", 7],
];
const MEAN_EVENTS_PER_SESSION = 6;
const MEAN_GAP_MS = 25_000;
const PATTERNS: ReadonlyArray<readonly [FraudPattern, number]> = [
  ["card_velocity", 3],
  ["impossible_travel", 3],
  ["failed_payment_burst", 2],
  ["click_bot", 1],
  ["high_value_purchase", 1],
];

/**
 * A seeded, realistic e-commerce click stream, produced one event at a time in *arrival order*
 * (event times out of order within the disorder bound, a fraction of events late), with a correct
 * watermark and ground-truth fraud labels beside the stream.
 *
 * How it works: shopper sessions and scripted fraud episodes are actors in a heap ordered by
 * their next event time, so events are generated in event-time order; each event then gets an
 * arrival delay and waits in a reorder buffer until no event generated later can arrive before
 * it. The watermark is the largest event time emitted minus `maxDisorderMs`: an on-time event
 * emitted later arrived no earlier, so its event time is at least that.
 * @example
 * ```ts
 * const gen = new ClickStreamGenerator({ seed: 7, maxEvents: 1000 });
 * for (let e = gen.next(); e; e = gen.next()) console.log(e.type, gen.watermark());
 * ```
 * @public
 */
export class ClickStreamGenerator {
  readonly options: ResolvedClickStreamOptions;
  private readonly random: Random;
  private readonly products: Product[];
  private readonly productPopularity: Zipf;
  private readonly categoryPages: string[];
  /**
   * Each product's page, built once: a string built per event is a V8 cons string, which the
   * first Map lookup of it (a pipeline keyed by page) flattens into a second copy, so a
   * pre-generated input would grow while a pipeline reads it.
   */
  private readonly productPages = new Map<string, string>();
  private readonly actors = new TimeHeap<Actor>();
  private readonly arrivalBuffer = new TimeHeap<ClickEvent>();
  private readonly labelList: FraudLabel[] = [];
  private readonly endTime: number;
  private generated = 0;
  private emittedCount = 0;
  private sessionCount = 0;
  private episodeCount = 0;
  private frontier: number;
  private maxEmittedTime = MIN_TIMESTAMP;
  private generationDone = false;

  constructor(options: ClickStreamOptions = {}) {
    this.options = resolveClickStreamOptions(options);
    this.random = new Random(this.options.seed);
    this.products = makeProducts(this.options.products, this.random);
    this.productPopularity = new Zipf(this.options.products, this.options.productSkew);
    this.categoryPages = CATEGORIES.map((c) => `/category/${c}`);
    for (const p of this.products) this.productPages.set(p.productId, `/product/${p.productId}`);
    this.endTime = this.options.startTime + this.options.durationMs;
    this.frontier = this.options.startTime;
    this.actors.push(this.options.startTime, ARRIVALS);
  }

  /** The next event in arrival order, or undefined when the stream has ended. */
  next(): ClickEvent | undefined {
    while (!this.generationDone && this.arrivalBuffer.peekTime() > this.frontier) this.generateOne();
    if (this.arrivalBuffer.size === 0) return undefined;
    const e = this.arrivalBuffer.pop();
    this.emittedCount++;
    if (e.timestamp > this.maxEmittedTime) this.maxEmittedTime = e.timestamp;
    return e;
  }

  /**
   * No event emitted from now on has an earlier event time, except late ones: the largest event
   * time emitted minus the disorder bound; MAX_TIMESTAMP once the stream has ended.
   */
  watermark(): number {
    if (this.generationDone && this.arrivalBuffer.size === 0) return MAX_TIMESTAMP;
    return this.maxEmittedTime === MIN_TIMESTAMP
      ? MIN_TIMESTAMP
      : this.maxEmittedTime - this.options.maxDisorderMs;
  }

  /** Events emitted so far. */
  get emitted(): number {
    return this.emittedCount;
  }

  /** The fraud episodes injected so far (ground truth; only those with at least one event). */
  get labels(): readonly FraudLabel[] {
    return this.labelList;
  }

  /** Generates one event in event-time order and puts it in the arrival buffer. */
  private generateOne(): void {
    for (;;) {
      const time = this.actors.peekTime();
      if (time >= this.endTime || this.generated >= this.options.maxEvents || this.actors.size === 0) {
        this.generationDone = true;
        return;
      }
      const actor = this.actors.pop();
      this.frontier = time;
      const event = this.step(actor, time);
      if (!event) continue;
      this.generated++;
      const o = this.options;
      let delay = this.random.next() * o.maxDisorderMs;
      if (this.random.chance(o.lateFraction))
        delay = o.maxDisorderMs + 1 + this.random.next() * o.maxLatenessMs;
      this.arrivalBuffer.push(time + delay, event);
      return;
    }
  }

  private step(actor: Actor, time: number): ClickEvent | undefined {
    switch (actor.kind) {
      case "arrivals":
        this.arrive(time);
        return undefined;
      case "session":
        return this.stepSession(actor, time);
      case "episode":
        return this.stepEpisode(actor, time);
    }
  }

  /** Starts a shopper session (or, rarely, a fraud episode) and schedules the next arrival. */
  private arrive(time: number): void {
    const o = this.options;
    const r = this.random;
    if (r.chance(o.fraudPerThousandSessions / 1000)) this.startEpisode(time);
    else this.startSession(time);
    const hour = (((time / 3_600_000) % 24) + 24) % 24;
    const swing = o.diurnal ? 1 + 0.6 * Math.sin((2 * Math.PI * (hour - 9)) / 24) : 1;
    const sessionsPerMs = (o.eventsPerSecond * swing) / MEAN_EVENTS_PER_SESSION / 1000;
    this.actors.push(time + Math.max(1, Math.round(r.exponential(1 / sessionsPerMs))), ARRIVALS);
  }

  private startSession(time: number): void {
    const r = this.random;
    const user = r.int(0, this.options.users - 1);
    // Users live in one city each: derive it from the user number so it is stable across sessions.
    const city = CITIES[(user * 7919) % CITIES.length]!;
    const session: Session = {
      kind: "session",
      userId: `u${user}`,
      sessionId: `s${this.options.seed}-${this.sessionCount++}`,
      device: r.weighted(DEVICES),
      referrer: r.weighted(REFERRERS),
      city,
      cardId: `card-u${user}`,
      last: "page_view",
      cart: [],
      product: null,
      remaining: 40,
    };
    this.actors.push(time, session);
  }

  private stepSession(s: Session, time: number): ClickEvent {
    const r = this.random;
    const type = s.remaining === 40 ? "page_view" : this.nextType(s);
    s.remaining--;
    let page: string;
    let amountCents: number | null = null;
    switch (type) {
      case "page_view":
        s.product = null;
        page = s.remaining === 39 && r.chance(0.5) ? "/" : r.pick(this.categoryPages);
        break;
      case "product_view":
        s.product = this.products[this.productPopularity.sample(r)]!;
        page = this.productPage(s.product.productId);
        break;
      case "add_to_cart":
        if (s.product) s.cart.push(s.product);
        page = "/cart";
        break;
      case "checkout":
        page = "/checkout";
        break;
      case "purchase":
      case "payment_failed":
        amountCents = s.cart.reduce((sum, p) => sum + p.priceCents, 0);
        page = "/checkout";
        break;
    }
    const product = type === "product_view" || type === "add_to_cart" ? s.product : null;
    const event = this.event(time, {
      type,
      userId: s.userId,
      sessionId: s.sessionId,
      page,
      productId: product?.productId ?? null,
      category: product?.category ?? null,
      referrer: s.referrer,
      device: s.device,
      country: s.city.country,
      city: s.city.city,
      lat: s.city.lat,
      lon: s.city.lon,
      amountCents,
      cardId: type === "checkout" || type === "purchase" || type === "payment_failed" ? s.cardId : null,
      items: amountCents === null ? null : s.cart.map((p) => p.productId),
    });
    if (type === "purchase") s.cart = [];
    s.last = type;
    if (s.remaining > 0 && !(type === "purchase" && r.chance(0.85)) && !r.chance(this.exitChance(type))) {
      this.actors.push(time + 2000 + Math.min(600_000, Math.round(r.exponential(MEAN_GAP_MS))), s);
    }
    return event;
  }

  private exitChance(type: EventType): number {
    switch (type) {
      case "page_view":
        return 0.2;
      case "product_view":
        return 0.25;
      case "add_to_cart":
        return 0.15;
      case "checkout":
        return 0.1;
      case "payment_failed":
        return 0.4;
      case "purchase":
        return 0.3;
    }
  }

  /** The shopper's next step: a small Markov chain over the funnel. */
  private nextType(s: Session): EventType {
    const r = this.random;
    switch (s.last) {
      case "page_view":
        return r.weighted([
          ["product_view", 70],
          ["page_view", 30],
        ]);
      case "product_view":
        return r.weighted([
          ["product_view", 50],
          ["add_to_cart", 25],
          ["page_view", 25],
        ]);
      case "add_to_cart":
        return r.weighted([
          ["checkout", 55],
          ["product_view", 45],
        ]);
      case "checkout":
        return s.cart.length === 0
          ? "page_view"
          : r.weighted([
              ["purchase", 88],
              ["payment_failed", 12],
            ]);
      case "payment_failed":
        return "checkout";
      case "purchase":
        return r.weighted([
          ["product_view", 60],
          ["page_view", 40],
        ]);
    }
  }

  private stepEpisode(ep: Episode, time: number): ClickEvent {
    const step = ep.steps[ep.next++]!;
    const event = this.event(time, step.fill);
    if (ep.next === 1) this.labelList.push(ep.label);
    ep.label.eventIds.push(event.eventId);
    const following = ep.steps[ep.next];
    if (following) this.actors.push(following.time, ep);
    return event;
  }

  /** Schedules one scripted fraud episode starting at `time`, with a fresh card (or bot user). */
  private startEpisode(time: number): void {
    const r = this.random;
    const n = this.episodeCount++;
    const pattern = r.weighted(PATTERNS);
    const cardId = `card-x${this.options.seed}-${n}`;
    const userId = `ux${this.options.seed}-${n}`;
    const home = r.weighted(CITIES.map((c) => [c, c.weight] as const));
    const base = {
      userId,
      sessionId: `sx${this.options.seed}-${n}`,
      productId: null,
      category: null,
      referrer: "direct",
      device: r.weighted(DEVICES),
      cardId,
    };
    const at = (city: City) => ({ country: city.country, city: city.city, lat: city.lat, lon: city.lon });
    const purchase = (city: City, amountCents: number) =>
      ({
        ...base,
        ...at(city),
        type: "purchase",
        page: "/checkout",
        amountCents,
        items: [this.randomProduct()],
      }) as const;
    const steps: Episode["steps"] = [];
    let t = time;
    switch (pattern) {
      case "card_velocity": {
        // 6–10 purchases from one card in 2–4 minutes.
        const count = r.int(6, 10);
        const span = r.int(120_000, 240_000);
        for (let i = 0; i < count; i++)
          steps.push({
            time: time + Math.round((span * i) / count),
            fill: purchase(home, r.int(5_000, 30_000)),
          });
        break;
      }
      case "impossible_travel": {
        // 2–3 purchases from cities over 3,000 km apart, 5–25 minutes between them.
        let city = home;
        for (let i = r.int(2, 3); i > 0; i--) {
          steps.push({ time: t, fill: purchase(city, r.int(3_000, 40_000)) });
          const from = city;
          const far = CITIES.filter((c) => haversineKm(from.lat, from.lon, c.lat, c.lon) > 3000);
          city = r.pick(far);
          t += r.int(300_000, 1_500_000);
        }
        break;
      }
      case "failed_payment_burst": {
        // Card testing: 8–15 declined payments in 1–2 minutes.
        const count = r.int(8, 15);
        const span = r.int(60_000, 120_000);
        for (let i = 0; i < count; i++) {
          steps.push({
            time: time + Math.round((span * i) / count),
            fill: {
              ...base,
              ...at(home),
              type: "payment_failed",
              page: "/checkout",
              amountCents: r.int(100, 2_000),
              items: [this.randomProduct()],
            },
          });
        }
        break;
      }
      case "click_bot": {
        // A scraper: 150–300 page and product views in 1–2 minutes, no card.
        const count = r.int(150, 300);
        const span = r.int(60_000, 120_000);
        for (let i = 0; i < count; i++) {
          const product = this.products[r.int(0, this.products.length - 1)]!;

          steps.push({
            time: time + Math.round((span * i) / count),
            fill: {
              ...base,
              ...at(home),
              cardId: null,
              type: "product_view",
              page: this.productPage(product.productId),
              productId: product.productId,
              category: product.category,
              amountCents: null,
              items: null,
            },
          });
        }
        break;
      }
      case "high_value_purchase":
        steps.push({ time, fill: purchase(home, r.int(250_000, 600_000)) });
        break;
    }
    const key = pattern === "click_bot" ? userId : cardId;
    this.actors.push(steps[0]!.time, {
      kind: "episode",
      label: { pattern, key, start: steps[0]!.time, end: steps[steps.length - 1]!.time, eventIds: [] },
      steps,
      next: 0,
    });
  }

  private productPage(productId: string): string {
    return this.productPages.get(productId) ?? `/product/${productId}`;
  }

  private randomProduct(): string {
    return this.products[this.random.int(0, this.products.length - 1)]!.productId;
  }

  private event(time: number, fill: Omit<ClickEvent, "eventId" | "timestamp">): ClickEvent {
    return { eventId: `${this.options.seed}-${this.generated}`, timestamp: time, ...fill };
  }
}
