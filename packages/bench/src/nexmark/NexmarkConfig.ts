/**
 * The generator's parameters, with Beam Nexmark's defaults (`NexmarkConfiguration`,
 * `GeneratorConfig`): the event mix, hot-item ratios, in-flight auctions, active people and the
 * event-time rate.
 * @public
 */
export interface NexmarkConfig {
  /** Seed of the pseudo-random stream: the same seed gives the same events. */
  readonly seed: number;
  /** Event time of the first event, epoch ms. */
  readonly baseTime: number;
  /** Events per second of event time (Beam `firstEventRate`, default 10,000). */
  readonly eventsPerSecond: number;
  /** Proportions of the mix (Beam: 1 person : 3 auctions : 46 bids). */
  readonly personProportion: number;
  readonly auctionProportion: number;
  readonly bidProportion: number;
  /** Auctions likely to be open at once (default 100). */
  readonly numInFlightAuctions: number;
  /** People likely to be active at once (default 1000). */
  readonly numActivePeople: number;
  /** P(bid on a hot auction) = 1 - 1/hotAuctionRatio (default 2). */
  readonly hotAuctionRatio: number;
  /** P(auction by a hot seller) = 1 - 1/hotSellersRatio (default 4). */
  readonly hotSellersRatio: number;
  /** P(bid by a hot bidder) = 1 - 1/hotBiddersRatio (default 4). */
  readonly hotBiddersRatio: number;
  /** Average sizes that the `extra` padding aims at (bytes ≈ characters). */
  readonly avgPersonByteSize: number;
  readonly avgAuctionByteSize: number;
  readonly avgBidByteSize: number;
  /** Window size and period of the windowed queries, seconds (Beam: 10 and 5). */
  readonly windowSizeSec: number;
  readonly windowPeriodSec: number;
  /** Q2 keeps bids on auctions whose id is a multiple of this (Beam: 123). */
  readonly auctionSkip: number;
  /** Q3 forgets a person or a waiting auction after this much event time (Beam: 600 s). */
  readonly maxAuctionsWaitingTimeSec: number;
  /** Q11 fires early after this many bids in a session (Beam: 100,000). */
  readonly maxLogEvents: number;
  /** Q11's allowed lateness is half of this (Beam: 3 s). */
  readonly occasionalDelaySec: number;
}

/** Beam Nexmark's defaults, seed 1, starting at 2024-01-01T00:00:00Z. @public */
export const DEFAULT_CONFIG: NexmarkConfig = Object.freeze({
  seed: 1,
  baseTime: Date.UTC(2024, 0, 1),
  eventsPerSecond: 10_000,
  personProportion: 1,
  auctionProportion: 3,
  bidProportion: 46,
  numInFlightAuctions: 100,
  numActivePeople: 1000,
  hotAuctionRatio: 2,
  hotSellersRatio: 4,
  hotBiddersRatio: 4,
  avgPersonByteSize: 200,
  avgAuctionByteSize: 500,
  avgBidByteSize: 100,
  windowSizeSec: 10,
  windowPeriodSec: 5,
  auctionSkip: 123,
  maxAuctionsWaitingTimeSec: 600,
  maxLogEvents: 100_000,
  occasionalDelaySec: 3,
});
