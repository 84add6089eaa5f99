/**
 * The Nexmark event model (Beam's `sdk/nexmark/model`): people register, open auctions and bid.
 * Events are plain objects with a `type` tag, so pipelines and baselines see the same shapes.
 */

/** A person joining the auction site. @public */
export interface Person {
  readonly type: "person";
  readonly id: number;
  readonly name: string;
  readonly emailAddress: string;
  readonly creditCard: string;
  readonly city: string;
  readonly state: string;
  readonly dateTime: number;
  readonly extra: string;
}

/** An auction opened by `seller`, closing at `expires` (event time, ms). @public */
export interface Auction {
  readonly type: "auction";
  readonly id: number;
  readonly itemName: string;
  readonly description: string;
  readonly initialBid: number;
  readonly reserve: number;
  readonly dateTime: number;
  readonly expires: number;
  readonly seller: number;
  readonly category: number;
  readonly extra: string;
}

/** A bid of `price` (cents) on `auction` by `bidder`. @public */
export interface Bid {
  readonly type: "bid";
  readonly auction: number;
  readonly bidder: number;
  readonly price: number;
  readonly channel: string;
  readonly url: string;
  readonly dateTime: number;
  readonly extra: string;
}

/** One Nexmark event. @public */
export type NexmarkEvent = Person | Auction | Bid;
