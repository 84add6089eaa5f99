import { eventTimer, valueState, type DoFn, type KV, type PCollection } from "@tributary/core";
import type { Auction, Bid, NexmarkEvent } from "../nexmark/model";
import { select } from "./select";

/** A closed auction and the bid that won it. @public */
export interface AuctionBid {
  readonly auction: Auction;
  readonly bid: Bid;
}

const auctionCell = valueState<Auction>("auction");
const bestCell = valueState<Bid>("best");
const close = eventTimer("close");

/** A bid may win when it is placed while the auction is open and meets the reserve. */
const valid = (a: Auction, b: Bid): boolean =>
  b.dateTime >= a.dateTime && b.dateTime < a.expires && b.price >= a.reserve;
/** Beam's PRICE_THEN_DESCENDING_TIME: the higher price wins, then the earlier bid (bids arrive in time order). */
const beats = (b: Bid, best: Bid | undefined): boolean => best === undefined || b.price > best.price;

const winningBidsFn: DoFn<KV<number, Auction | Bid>, AuctionBid> = {
  name: "WinningBids",
  state: { auction: auctionCell, best: bestCell },
  timers: { close },
  process({ value: e }, ctx) {
    if (e.type === "auction") {
      ctx.state.access(auctionCell).write(e);
      ctx.timers.access(close).set(e.expires);
      return;
    }
    const a = ctx.state.access(auctionCell).read();
    if (!a || !valid(a, e)) return;
    const best = ctx.state.access(bestCell);
    if (beats(e, best.read())) best.write(e);
  },
  onTimer(ctx) {
    const a = ctx.state.access(auctionCell).read();
    const b = ctx.state.access(bestCell).read();
    if (a && b) ctx.output({ auction: a, bid: b });
    ctx.state.access(auctionCell).clear();
    ctx.state.access(bestCell).clear();
  },
};

/**
 * Beam's WinningBids: the highest valid bid of every auction, emitted when the auction closes
 * (at its `expires`), as a stateful DoFn keyed by auction id with an event-time timer.
 * @public
 */
export function winningBids(events: PCollection<NexmarkEvent>): PCollection<AuctionBid> {
  return select(events, (e): e is Auction | Bid => e.type !== "person", "AuctionsAndBids")
    .withKeys((e: Auction | Bid) => (e.type === "auction" ? e.id : e.auction))
    .parDo(winningBidsFn);
}

/**
 * The baseline's WinningBids: open auctions in a map, closed in (expires, arrival) order — the
 * order the runner fires their timers — as soon as the stream passes their close time.
 * `onClose` gets each winner with its timestamp (the auction's `expires`).
 * @public
 */
export class WinningBidsLoop {
  private readonly open = new Map<number, { auction: Auction; best: Bid | undefined }>();
  /** Open auctions sorted by close time, ties in arrival order. */
  private readonly closing: Auction[] = [];

  constructor(private readonly onClose: (w: AuctionBid, timestamp: number) => void) {}

  add(e: NexmarkEvent): void {
    if (e.type === "person") return;
    this.closeBefore(e.dateTime);
    if (e.type === "auction") {
      this.open.set(e.id, { auction: e, best: undefined });
      // Insert after every auction closing at or before it (binary search on expires).
      const list = this.closing;
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]!.expires <= e.expires) lo = mid + 1;
        else hi = mid;
      }
      list.splice(lo, 0, e);
      return;
    }
    const s = this.open.get(e.auction);
    if (s && valid(s.auction, e) && beats(e, s.best)) s.best = e;
  }

  /** Closes every auction that expired before `t` (all of them at the end of the stream). */
  closeBefore(t: number): void {
    const list = this.closing;
    let i = 0;
    for (; i < list.length && list[i]!.expires < t; i++) {
      const a = list[i]!;
      const s = this.open.get(a.id)!;
      this.open.delete(a.id);
      if (s.best) this.onClose({ auction: a, bid: s.best }, a.expires);
    }
    if (i > 0) list.splice(0, i);
  }
}
