import { afterProcessingTime, combiners, globalWindows, repeatedly, type KV } from "@tributary/core";
import type { Bid } from "../nexmark/model";
import { bidsOf } from "./select";
import { writeTo, type NexmarkQuery } from "./NexmarkQuery";

/** Q12's output: the bids of a bidder in one processing-time pane. @public */
export interface BidsPerPane {
  readonly bidder: number;
  readonly count: number;
}

/**
 * Q12, processing-time windows: bids per bidder in panes that close 10 s (processing time)
 * after their first bid — global window, `repeatedly(afterProcessingTime(10 s))`, discarding.
 * Processing time is the source's deterministic clock: it moves to each batch's last event time.
 * @public
 */
export const q12: NexmarkQuery<BidsPerPane> = {
  name: "Q12",
  description: "processing-time windows: bids per bidder per 10 s processing-time pane",
  ordered: false,
  expand(events, sink, { config }) {
    const counts = bidsOf(events)
      .map((b: Bid) => b.bidder)
      .windowInto(globalWindows(), {
        trigger: repeatedly(afterProcessingTime(config.windowSizeSec * 1000)),
        accumulation: "DISCARDING",
      })
      .withKeys((bidder: number) => bidder)
      .combinePerKey(combiners.count());
    writeTo(
      counts.map(({ key, value }: KV<number, number>): BidsPerPane => ({ bidder: key, count: value })),
      sink,
    );
  },
  /**
   * Replays the runner's batches: the clock jumps to each batch's last event time; a bidder's
   * pane opens at the clock of its first bid and is emitted after the first batch whose clock
   * reaches open + delay. At the end of the stream every bidder's window emits its last pane
   * (with count 0 when empty: the on-time pane of the global window fires always). In the last
   * batch only the due panes that batch touched fire early (the runner checks them as the bundle
   * arrives, before the end-of-stream watermark); the others go into the final pane.
   */
  baseline(events, sink, { config, bundleSize }) {
    const delay = config.windowSizeSec * 1000;
    const panes = new Map<number, { count: number; touched: number }>();
    // Open panes in opening order: the clock never goes back, so fire times are sorted too.
    const opened: Array<{ bidder: number; fireAt: number }> = [];
    let head = 0;
    for (let start = 0, batch = 0; start < events.length; start += bundleSize, batch++) {
      const end = Math.min(start + bundleSize, events.length);
      const last = end === events.length;
      const clock = events[end - 1]!.dateTime;
      for (let i = start; i < end; i++) {
        const e = events[i]!;
        if (e.type !== "bid") continue;
        let pane = panes.get(e.bidder);
        if (!pane) panes.set(e.bidder, (pane = { count: 0, touched: batch }));
        if (pane.count === 0) opened.push({ bidder: e.bidder, fireAt: clock + delay });
        pane.count++;
        pane.touched = batch;
      }
      for (; head < opened.length && opened[head]!.fireAt <= clock; head++) {
        const { bidder } = opened[head]!;
        const pane = panes.get(bidder)!;
        if (last && pane.touched !== batch) continue;
        sink.accept({ bidder, count: pane.count });
        pane.count = 0;
      }
      if (head > 4096 && head * 2 > opened.length) {
        opened.splice(0, head);
        head = 0;
      }
    }
    for (const [bidder, pane] of panes) sink.accept({ bidder, count: pane.count });
  },
};
