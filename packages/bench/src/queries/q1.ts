import type { Bid } from "../nexmark/model";
import { bidsOf } from "./select";
import { writeTo, type NexmarkQuery } from "./NexmarkQuery";

/** Dollars to euros as Beam does it: `price * 89 / 100` in integer arithmetic. */
const toEuros = (b: Bid): Bid => ({ ...b, price: Math.floor((b.price * 89) / 100) });

/** Q1, currency conversion: every bid with its price in euros. @public */
export const q1: NexmarkQuery<Bid> = {
  name: "Q1",
  description: "currency conversion: bids with price * 89 / 100",
  ordered: true,
  expand(events, sink) {
    writeTo(bidsOf(events).map(toEuros), sink);
  },
  baseline(events, sink) {
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.type === "bid") sink.accept(toEuros(e));
    }
  },
};
