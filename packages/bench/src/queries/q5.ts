import { combiners, fromBinaryFn, slidingWindows, type IntervalWindow, type KV } from "@tributary/core";
import type { Bid } from "../nexmark/model";
import { bidsOf } from "./select";
import { writeTo, type NexmarkQuery } from "./NexmarkQuery";
import { windowStarts, WindowTable } from "./windowStarts";

/** Q5's output: an auction with the most bids in a sliding window. @public */
export interface HotItem {
  readonly windowStart: number;
  readonly auction: number;
  readonly count: number;
}

interface Candidates {
  readonly auctions: readonly number[];
  readonly count: number;
}

/** Keeps the auctions with the highest count (all of them on a tie); never mutates its inputs. */
const mostBids = fromBinaryFn<Candidates>("mostBids", (a, b) =>
  a.count > b.count
    ? a
    : b.count > a.count
      ? b
      : { auctions: [...a.auctions, ...b.auctions], count: a.count },
);

/**
 * Q5, hot items: per sliding window (10 s every 5 s), the auctions with the most bids — count
 * per auction, then a global combine that keeps the maximum.
 * @public
 */
export const q5: NexmarkQuery<HotItem> = {
  name: "Q5",
  description: "hot items: auctions with the most bids per sliding window (10 s / 5 s)",
  ordered: false,
  expand(events, sink, { config }) {
    const size = config.windowSizeSec * 1000;
    const period = config.windowPeriodSec * 1000;
    const counts = bidsOf(events)
      .map((b: Bid) => b.auction)
      .windowInto(slidingWindows(size).every(period))
      .withKeys((auction: number) => auction)
      .combinePerKey(combiners.count());
    const hottest = counts
      .map((e: KV<number, number>): Candidates => ({ auctions: [e.key], count: e.value }))
      .combineGlobally(mostBids);
    writeTo(
      hottest.parDo<HotItem>({
        name: "Explode",
        process(c, ctx) {
          if (!c) return;
          const windowStart = (ctx.window as IntervalWindow).start;
          for (const auction of c.auctions) ctx.output({ windowStart, auction, count: c.count });
        },
      }),
      sink,
    );
  },
  baseline(events, sink, { config }) {
    const size = config.windowSizeSec * 1000;
    const period = config.windowPeriodSec * 1000;
    const table = new WindowTable<Map<number, number>>(
      size,
      () => new Map(),
      (windowStart, counts) => {
        let max = 0;
        for (const c of counts.values()) if (c > max) max = c;
        for (const [auction, count] of counts)
          if (count === max) sink.accept({ windowStart, auction, count });
      },
    );
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.type !== "bid") continue;
      table.closeBefore(e.dateTime);
      for (const start of windowStarts(e.dateTime, size, period)) {
        const counts = table.get(start);
        counts.set(e.auction, (counts.get(e.auction) ?? 0) + 1);
      }
    }
    table.closeBefore(Infinity);
  },
};
