import type { Auction, Bid, NexmarkEvent, Person } from "./model";
import { DEFAULT_CONFIG, type NexmarkConfig } from "./NexmarkConfig";
import { Random } from "./Random";

const FIRST_PERSON_ID = 1000;
const FIRST_AUCTION_ID = 1000;
const FIRST_CATEGORY_ID = 10;
const NUM_CATEGORIES = 5;
const PERSON_ID_LEAD = 10;
const AUCTION_ID_LEAD = 10;
const HOT_SELLER_RATIO = 100;
const HOT_AUCTION_RATIO = 100;
const HOT_BIDDER_RATIO = 100;
const HOT_CHANNELS_RATIO = 2;

const US_STATES = ["AZ", "CA", "ID", "OR", "WA", "WY"];
const US_CITIES = [
  "Phoenix",
  "Los Angeles",
  "San Francisco",
  "Boise",
  "Portland",
  "Bend",
  "Redmond",
  "Seattle",
  "Kent",
  "Cheyenne",
];
const FIRST_NAMES = [
  "Peter",
  "Paul",
  "Luke",
  "John",
  "Saul",
  "Vicky",
  "Kate",
  "Julie",
  "Sarah",
  "Deiter",
  "Walter",
];
const LAST_NAMES = ["Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"];
const HOT_CHANNELS = ["Google", "Facebook", "Baidu", "Apple"];
const HOT_URLS = HOT_CHANNELS.map((c) => `https://www.nexmark.com/${c.toLowerCase()}/item.htm?query=1`);
const NUM_CHANNELS = 10_000;
const COLD_CHANNELS = Array.from({ length: NUM_CHANNELS }, (_, i) => `channel-${i}`);
const COLD_URLS = COLD_CHANNELS.map(
  (c) => `https://www.nexmark.com/${c}/item.htm?query=1&channel_id=${c.length}`,
);
const POOL_SIZE = 1 << 16;

/**
 * Generates the Nexmark event stream as Beam's `Generator` does: event `n` is a person, an
 * auction or a bid by `n mod 50` (1:3:46), stamped `baseTime + n / eventsPerSecond`, so the
 * stream is in event-time order. Auctions go mostly to hot sellers and bids mostly to hot
 * auctions and hot bidders; other ids are drawn from the in-flight auctions and active people
 * (plus a small lead, so some bids and auctions precede the auction or person they name).
 * Deterministic by seed. Strings are slices of one seeded pool, so generation is cheap.
 * @public
 */
export class NexmarkGenerator {
  private readonly random: Random;
  private readonly pool: string;
  private readonly denominator: number;
  private readonly inFlightHorizonEvents: number;
  private n = 0;

  constructor(readonly config: NexmarkConfig = DEFAULT_CONFIG) {
    this.random = new Random(config.seed);
    let pool = "";
    for (let i = 0; i < POOL_SIZE; i++) {
      const r = this.random.nextInt(27);
      pool += r === 26 ? " " : String.fromCharCode(97 + r);
    }
    this.pool = pool;
    this.denominator = config.personProportion + config.auctionProportion + config.bidProportion;
    this.inFlightHorizonEvents = Math.floor(
      (config.numInFlightAuctions * this.denominator) / config.auctionProportion,
    );
  }

  /** The event time of event number `n`. */
  timestampOf(n: number): number {
    return this.config.baseTime + Math.floor((n * 1000) / this.config.eventsPerSecond);
  }

  /** The next event. */
  next(): NexmarkEvent {
    const id = this.n++;
    const rem = id % this.denominator;
    const ts = this.timestampOf(id);
    if (rem < this.config.personProportion) return this.person(id, ts);
    if (rem < this.config.personProportion + this.config.auctionProportion) return this.auction(id, ts);
    return this.bid(id, ts);
  }

  private lastBase0PersonId(eventId: number): number {
    const c = this.config;
    const epoch = Math.floor(eventId / this.denominator);
    let offset = eventId % this.denominator;
    if (offset >= c.personProportion) offset = c.personProportion - 1;
    return epoch * c.personProportion + offset;
  }

  private lastBase0AuctionId(eventId: number): number {
    const c = this.config;
    let epoch = Math.floor(eventId / this.denominator);
    let offset = eventId % this.denominator;
    if (offset < c.personProportion) {
      epoch--;
      offset = c.auctionProportion - 1;
    } else if (offset >= c.personProportion + c.auctionProportion) {
      offset = c.auctionProportion - 1;
    } else {
      offset -= c.personProportion;
    }
    return epoch * c.auctionProportion + offset;
  }

  private nextBase0PersonId(eventId: number): number {
    const numPeople = this.lastBase0PersonId(eventId) + 1;
    const active = Math.min(numPeople, this.config.numActivePeople);
    return numPeople - active + this.random.nextInt(active + PERSON_ID_LEAD);
  }

  private nextBase0AuctionId(eventId: number): number {
    const max = this.lastBase0AuctionId(eventId);
    const min = Math.max(max - this.config.numInFlightAuctions, 0);
    return min + this.random.nextInt(max - min + 1 + AUCTION_ID_LEAD);
  }

  /** Beam's `nextPrice`: 10^(6u) dollars-and-cents, log-uniform in [1, 10^8] cents. */
  private nextPrice(): number {
    return Math.round(Math.pow(10, this.random.nextDouble() * 6) * 100);
  }

  /** A string of `min + [0, max - min)` pool characters. */
  private nextString(maxLength: number): string {
    const len = 3 + this.random.nextInt(maxLength - 3);
    const at = this.random.nextInt(POOL_SIZE - len);
    return this.pool.slice(at, at + len);
  }

  /** Padding that brings the event to about `average` characters (±20%). */
  private nextExtra(currentSize: number, average: number): string {
    if (currentSize > average) return "";
    const desired = average - currentSize;
    const delta = Math.round(desired * 0.2);
    const size = desired - delta + (delta === 0 ? 0 : this.random.nextInt(2 * delta));
    const at = this.random.nextInt(POOL_SIZE - size);
    return this.pool.slice(at, at + size);
  }

  private person(eventId: number, ts: number): Person {
    const r = this.random;
    const name = `${FIRST_NAMES[r.nextInt(FIRST_NAMES.length)]!} ${LAST_NAMES[r.nextInt(LAST_NAMES.length)]!}`;
    const emailAddress = `${this.nextString(7)}@${this.nextString(5)}.com`;
    const creditCard = `${1000 + r.nextInt(9000)} ${1000 + r.nextInt(9000)} ${1000 + r.nextInt(9000)} ${1000 + r.nextInt(9000)}`;
    const city = US_CITIES[r.nextInt(US_CITIES.length)]!;
    const state = US_STATES[r.nextInt(US_STATES.length)]!;
    const size = 8 + name.length + emailAddress.length + creditCard.length + city.length + state.length;
    return {
      type: "person",
      id: this.lastBase0PersonId(eventId) + FIRST_PERSON_ID,
      name,
      emailAddress,
      creditCard,
      city,
      state,
      dateTime: ts,
      extra: this.nextExtra(size, this.config.avgPersonByteSize),
    };
  }

  private auction(eventId: number, ts: number): Auction {
    const r = this.random;
    const c = this.config;
    const seller =
      r.nextInt(c.hotSellersRatio) > 0
        ? Math.floor(this.lastBase0PersonId(eventId) / HOT_SELLER_RATIO) * HOT_SELLER_RATIO
        : this.nextBase0PersonId(eventId);
    const category = FIRST_CATEGORY_ID + r.nextInt(NUM_CATEGORIES);
    const initialBid = this.nextPrice();
    // Beam's nextAuctionLengthMs: uniform in [1, 2 * horizon], the horizon being the event time
    // until numInFlightAuctions more auctions have been generated.
    const horizon = this.timestampOf(eventId + this.inFlightHorizonEvents) - ts;
    const expires = ts + 1 + r.nextInt(Math.max(horizon * 2, 1));
    const itemName = this.nextString(20);
    const description = this.nextString(100);
    const reserve = initialBid + this.nextPrice();
    const size = 8 + itemName.length + description.length + 40;
    return {
      type: "auction",
      id: this.lastBase0AuctionId(eventId) + FIRST_AUCTION_ID,
      itemName,
      description,
      initialBid,
      reserve,
      dateTime: ts,
      expires,
      seller: seller + FIRST_PERSON_ID,
      category,
      extra: this.nextExtra(size, c.avgAuctionByteSize),
    };
  }

  private bid(eventId: number, ts: number): Bid {
    const r = this.random;
    const c = this.config;
    const auction =
      r.nextInt(c.hotAuctionRatio) > 0
        ? Math.floor(this.lastBase0AuctionId(eventId) / HOT_AUCTION_RATIO) * HOT_AUCTION_RATIO
        : this.nextBase0AuctionId(eventId);
    const bidder =
      r.nextInt(c.hotBiddersRatio) > 0
        ? Math.floor(this.lastBase0PersonId(eventId) / HOT_BIDDER_RATIO) * HOT_BIDDER_RATIO + 1
        : this.nextBase0PersonId(eventId);
    const price = this.nextPrice();
    let channel: string;
    let url: string;
    if (r.nextInt(HOT_CHANNELS_RATIO) > 0) {
      const i = r.nextInt(HOT_CHANNELS.length);
      channel = HOT_CHANNELS[i]!;
      url = HOT_URLS[i]!;
    } else {
      const i = r.nextInt(NUM_CHANNELS);
      channel = COLD_CHANNELS[i]!;
      url = COLD_URLS[i]!;
    }
    return {
      type: "bid",
      auction: auction + FIRST_AUCTION_ID,
      bidder: bidder + FIRST_PERSON_ID,
      price,
      channel,
      url,
      dateTime: ts,
      extra: this.nextExtra(8 * 4 + channel.length + url.length, c.avgBidByteSize),
    };
  }
}

/** Pre-generated events and their timestamps. @public */
export interface GeneratedEvents {
  readonly events: NexmarkEvent[];
  readonly timestamps: number[];
  /** The generator's clock only moves forward: timestamps never decrease. */
  readonly ordered: true;
}

/** Generates the first `count` events of the stream for `config`. @public */
export function generateEvents(count: number, config: NexmarkConfig = DEFAULT_CONFIG): GeneratedEvents {
  const g = new NexmarkGenerator(config);
  const events = new Array<NexmarkEvent>(count);
  const timestamps = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const e = g.next();
    events[i] = e;
    timestamps[i] = e.dateTime;
  }
  return { events, timestamps, ordered: true };
}
