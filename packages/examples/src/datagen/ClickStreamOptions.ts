/**
 * How the synthetic click stream looks. Every field has a realistic default.
 * @public
 */
export interface ClickStreamOptions {
  /** The seed: the same seed (and options) gives the same events in the same order. Default 42. */
  readonly seed?: number;
  /** Event time of the start of the stream, epoch ms. Default 2024-03-01T00:00:00Z. */
  readonly startTime?: number;
  /** Stop after this many events (the stream then ends and its watermark reaches the end of time). */
  readonly maxEvents?: number;
  /** Stop at `startTime + durationMs` of event time. */
  readonly durationMs?: number;
  /** Mean events per second of event time, before the diurnal swing. Default 50. */
  readonly eventsPerSecond?: number;
  /** Scale the rate by time of day (quiet at night, busy in the afternoon). Default true. */
  readonly diurnal?: boolean;
  /** Registered users. Default 5,000. */
  readonly users?: number;
  /** Catalogue size; product popularity follows a Zipf law. Default 1,000. */
  readonly products?: number;
  /** Zipf exponent of product popularity. Default 1.1. */
  readonly productSkew?: number;
  /**
   * Out-of-orderness bound: an on-time event arrives at most this long after its event time
   * (uniformly in [0, maxDisorderMs]). The source's watermark trails the largest event time seen
   * by this much. Default 5 s.
   */
  readonly maxDisorderMs?: number;
  /** Fraction of events that arrive later than the disorder bound (late data). Default 0.002. */
  readonly lateFraction?: number;
  /** How far beyond the disorder bound a late event may arrive. Default 3 minutes. */
  readonly maxLatenessMs?: number;
  /** Fraud episodes per 1,000 shopper sessions. Default 3. */
  readonly fraudPerThousandSessions?: number;
}

/** The options with defaults filled in. @internal */
export type ResolvedClickStreamOptions = Required<Omit<ClickStreamOptions, "maxEvents" | "durationMs">> & {
  readonly maxEvents: number;
  readonly durationMs: number;
};

/** Fills in defaults and checks ranges. @throws RangeError naming the bad option. @internal */
export function resolveClickStreamOptions(o: ClickStreamOptions = {}): ResolvedClickStreamOptions {
  const r: ResolvedClickStreamOptions = {
    seed: o.seed ?? 42,
    startTime: o.startTime ?? Date.UTC(2024, 2, 1),
    maxEvents: o.maxEvents ?? Infinity,
    durationMs: o.durationMs ?? Infinity,
    eventsPerSecond: o.eventsPerSecond ?? 50,
    diurnal: o.diurnal ?? true,
    users: o.users ?? 5000,
    products: o.products ?? 1000,
    productSkew: o.productSkew ?? 1.1,
    maxDisorderMs: o.maxDisorderMs ?? 5000,
    lateFraction: o.lateFraction ?? 0.002,
    maxLatenessMs: o.maxLatenessMs ?? 180_000,
    fraudPerThousandSessions: o.fraudPerThousandSessions ?? 3,
  };
  const positive = ["eventsPerSecond", "users", "products"] as const;
  for (const k of positive) if (!(r[k] > 0)) throw new RangeError(`${k} must be > 0, got ${r[k]}`);
  const nonNegative = [
    "maxDisorderMs",
    "maxLatenessMs",
    "fraudPerThousandSessions",
    "maxEvents",
    "durationMs",
  ] as const;
  for (const k of nonNegative) if (!(r[k] >= 0)) throw new RangeError(`${k} must be >= 0, got ${r[k]}`);
  if (!(r.lateFraction >= 0 && r.lateFraction <= 1))
    throw new RangeError(`lateFraction must be in [0, 1], got ${r.lateFraction}`);
  return r;
}
