import { asSingleton, combiners, fixedWindows, parDo } from "@tributary/core";
import type { Bid } from "../nexmark/model";
import { bidsOf } from "./select";
import { writeTo, type NexmarkQuery } from "./NexmarkQuery";
import { windowStarts, WindowTable } from "./windowStarts";

/** Q7's output: a bid with the highest price of its fixed window. @public */
export interface HighestBid {
  readonly auction: number;
  readonly bidder: number;
  readonly price: number;
  readonly dateTime: number;
}

const project = (b: Bid): HighestBid => ({
  auction: b.auction,
  bidder: b.bidder,
  price: b.price,
  dateTime: b.dateTime,
});

/**
 * Q7, highest bid: per fixed window (10 s), the bids whose price is the window's maximum — the
 * maximum is computed by a global combine and read back as a singleton side input, as in Beam.
 * @public
 */
export const q7: NexmarkQuery<HighestBid> = {
  name: "Q7",
  description: "highest bid per fixed 10 s window (max via combine, read back as a side input)",
  ordered: false,
  expand(events, sink, { config }) {
    const bids = bidsOf(events).windowInto(fixedWindows(config.windowSizeSec * 1000));
    const maxPrice = asSingleton(bids.map((b: Bid) => b.price).combineGlobally(combiners.max<number>()));
    writeTo(
      bids.apply(
        "SelectHighest",
        parDo<Bid, HighestBid>({
          process(b, ctx) {
            if (b.price === ctx.sideInput(maxPrice)) ctx.output(project(b));
          },
        }).withSideInputs(maxPrice),
      ),
      sink,
    );
  },
  baseline(events, sink, { config }) {
    const size = config.windowSizeSec * 1000;
    const table = new WindowTable<{ max: number; bids: Bid[] }>(
      size,
      () => ({ max: -Infinity, bids: [] }),
      (_start, w) => {
        for (const b of w.bids) sink.accept(project(b));
      },
    );
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.type !== "bid") continue;
      table.closeBefore(e.dateTime);
      const w = table.get(windowStarts(e.dateTime, size, size)[0]!);
      if (e.price > w.max) {
        w.max = e.price;
        w.bids = [e];
      } else if (e.price === w.max) w.bids.push(e);
    }
    table.closeBefore(Infinity);
  },
};
