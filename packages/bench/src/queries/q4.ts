import { combiners, kv, slidingWindows, type IntervalWindow, type KV } from "@tributary/core";
import type { Sink } from "../harness/Sink";
import { writeTo, type NexmarkQuery } from "./NexmarkQuery";
import { winningBids, WinningBidsLoop } from "./winningBids";
import { windowStarts, WindowTable } from "./windowStarts";

/** Q4's output: the average winning price of a category in one sliding window. @public */
export interface CategoryPrice {
  readonly category: number;
  readonly windowStart: number;
  readonly average: number;
}

/**
 * Q4, average price per category: the winning bids of closed auctions, keyed by category,
 * averaged over sliding windows (size and period from the config: 10 s every 5 s).
 * @public
 */
export const q4: NexmarkQuery<CategoryPrice> = {
  name: "Q4",
  description: "average winning price per category over closed auctions (sliding 10 s / 5 s)",
  ordered: false,
  expand(events, sink, { config }) {
    const size = config.windowSizeSec * 1000;
    const period = config.windowPeriodSec * 1000;
    const averages = winningBids(events)
      .map((w) => kv(w.auction.category, w.bid.price))
      .windowInto(slidingWindows(size).every(period))
      .combinePerKey(combiners.mean());
    writeTo(
      averages.parDo<CategoryPrice>({
        name: "Format",
        process: (e: KV<number, number>, ctx) =>
          ctx.output({
            category: e.key,
            windowStart: (ctx.window as IntervalWindow).start,
            average: e.value,
          }),
      }),
      sink,
    );
  },
  baseline(events, sink, { config }) {
    const size = config.windowSizeSec * 1000;
    const period = config.windowPeriodSec * 1000;
    const table = new WindowTable<Map<number, { sum: number; count: number }>>(
      size,
      () => new Map(),
      (start, byCategory) => emitAverages(sink, start, byCategory),
    );
    const loop = new WinningBidsLoop(({ auction, bid }, t) => {
      table.closeBefore(t);
      for (const start of windowStarts(t, size, period)) {
        const byCategory = table.get(start);
        const acc = byCategory.get(auction.category);
        if (acc) {
          acc.sum += bid.price;
          acc.count++;
        } else byCategory.set(auction.category, { sum: bid.price, count: 1 });
      }
    });
    for (let i = 0; i < events.length; i++) loop.add(events[i]!);
    loop.closeBefore(Infinity);
    table.closeBefore(Infinity);
  },
};

function emitAverages(
  sink: Sink<CategoryPrice>,
  windowStart: number,
  byCategory: Map<number, { sum: number; count: number }>,
): void {
  for (const [category, { sum, count }] of byCategory)
    sink.accept({ category, windowStart, average: sum / count });
}
