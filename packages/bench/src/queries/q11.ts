import {
  afterCount,
  afterWatermark,
  combiners,
  sessions,
  type IntervalWindow,
  type KV,
} from "@tributary/core";
import type { Bid } from "../nexmark/model";
import { bidsOf } from "./select";
import { writeTo, type NexmarkQuery } from "./NexmarkQuery";

/** Q11's output: the number of bids in one session of a bidder. @public */
export interface BidsPerSession {
  readonly bidder: number;
  readonly start: number;
  readonly end: number;
  readonly count: number;
}

/**
 * Q11, user sessions: bids per bidder per session (gap 10 s), as Beam defines it — early panes
 * every `maxLogEvents` bids, discarding, allowed lateness `occasionalDelaySec / 2`.
 * @public
 */
export const q11: NexmarkQuery<BidsPerSession> = {
  name: "Q11",
  description: "user sessions: bids per bidder per session window (gap 10 s)",
  ordered: false,
  expand(events, sink, { config }) {
    const counts = bidsOf(events)
      .map((b: Bid) => b.bidder)
      .windowInto(sessions(config.windowSizeSec * 1000), {
        trigger: afterWatermark().withEarlyFirings(afterCount(config.maxLogEvents)),
        accumulation: "DISCARDING",
        allowedLateness: (config.occasionalDelaySec * 1000) / 2,
        // No late firings, as in Beam: nothing is late in this in-order stream.
        allowDataLoss: true,
      })
      .withKeys((bidder: number) => bidder)
      .combinePerKey(combiners.count());
    writeTo(
      counts.parDo<BidsPerSession>({
        name: "Format",
        process({ key, value }: KV<number, number>, ctx) {
          const w = ctx.window as IntervalWindow;
          ctx.output({ bidder: key, start: w.start, end: w.end, count: value });
        },
      }),
      sink,
    );
  },
  baseline(events, sink, { config }) {
    const gap = config.windowSizeSec * 1000;
    const open = new Map<number, { start: number; end: number; count: number }>();
    const emit = (bidder: number, s: { start: number; end: number; count: number }): void =>
      sink.accept({ bidder, start: s.start, end: s.end, count: s.count });
    let nextSweep = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.type !== "bid") continue;
      const t = e.dateTime;
      if (t >= nextSweep) {
        // Close sessions nothing can extend any more, so the map holds only live sessions.
        for (const [bidder, s] of open) {
          if (s.end > t) continue;
          emit(bidder, s);
          open.delete(bidder);
        }
        nextSweep = t + gap;
      }
      const s = open.get(e.bidder);
      if (s && t < s.end) {
        s.end = Math.max(s.end, t + gap);
        s.count++;
      } else {
        if (s) emit(e.bidder, s);
        open.set(e.bidder, { start: t, end: t + gap, count: 1 });
      }
    }
    for (const [bidder, s] of open) emit(bidder, s);
  },
};
