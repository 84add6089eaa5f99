import type { Bid } from "../nexmark/model";
import { bidsOf } from "./select";
import { writeTo, type NexmarkQuery } from "./NexmarkQuery";

/** Q2's output: a bid's auction and price. @public */
export interface AuctionPrice {
  readonly auction: number;
  readonly price: number;
}

/** Q2, selection: (auction, price) of the bids on every `auctionSkip`-th auction. @public */
export const q2: NexmarkQuery<AuctionPrice> = {
  name: "Q2",
  description: "selection: (auction, price) of bids whose auction % 123 == 0",
  ordered: true,
  expand(events, sink, { config }) {
    const skip = config.auctionSkip;
    writeTo(
      bidsOf(events)
        .filter((b) => b.auction % skip === 0)
        .map((b: Bid) => ({ auction: b.auction, price: b.price })),
      sink,
    );
  },
  baseline(events, sink, { config }) {
    const skip = config.auctionSkip;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.type === "bid" && e.auction % skip === 0) sink.accept({ auction: e.auction, price: e.price });
    }
  },
};
