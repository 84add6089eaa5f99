import { kv, valueState, type DoFn, type KV } from "@tributary/core";
import { writeTo, type NexmarkQuery } from "./NexmarkQuery";
import { winningBids, WinningBidsLoop } from "./winningBids";

/** Q6's output: a seller's average selling price over their last (up to) 10 closed auctions. @public */
export interface SellerPrice {
  readonly seller: number;
  readonly average: number;
}

const LAST = 10;
const recent = valueState<number[]>("recent");

/** Adds `price` to the seller's last prices and returns Beam's integer mean of them. */
function addAndAverage(prices: number[], price: number): number {
  prices.push(price);
  if (prices.length > LAST) prices.shift();
  let sum = 0;
  for (const p of prices) sum += p;
  return Math.floor(sum / prices.length);
}

const movingMeanFn: DoFn<KV<number, number>, SellerPrice> = {
  name: "MovingMeanSellingPrice",
  state: { recent },
  process({ key, value }, ctx) {
    const cell = ctx.state.access(recent);
    const prices = cell.read() ?? [];
    const average = addAndAverage(prices, value);
    cell.write(prices);
    ctx.output({ seller: key, average });
  },
};

/**
 * Q6, average selling price by seller: for every closed auction, the mean winning price of its
 * seller's last 10 closed auctions — a stateful DoFn keyed by seller (Beam uses a global
 * window firing per element, which this reproduces without depending on bundle boundaries).
 * @public
 */
export const q6: NexmarkQuery<SellerPrice> = {
  name: "Q6",
  description: "average winning price of each seller's last 10 closed auctions",
  ordered: false,
  expand(events, sink) {
    writeTo(
      winningBids(events)
        .map((w) => kv(w.auction.seller, w.bid.price))
        .parDo(movingMeanFn),
      sink,
    );
  },
  baseline(events, sink) {
    const bySeller = new Map<number, number[]>();
    const loop = new WinningBidsLoop(({ auction, bid }) => {
      let prices = bySeller.get(auction.seller);
      if (!prices) bySeller.set(auction.seller, (prices = []));
      sink.accept({ seller: auction.seller, average: addAndAverage(prices, bid.price) });
    });
    for (let i = 0; i < events.length; i++) loop.add(events[i]!);
    loop.closeBefore(Infinity);
  },
};
