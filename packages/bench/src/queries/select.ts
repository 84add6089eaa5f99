import type { PCollection } from "@tributary/core";
import type { Auction, Bid, NexmarkEvent, Person } from "../nexmark/model";

/** The elements of `pc` that `guard` accepts, typed as such (a `filter` with a type guard). @public */
export function select<T, S extends T>(
  pc: PCollection<T>,
  guard: (e: T) => e is S,
  name: string,
): PCollection<S> {
  return pc.filter(guard, name);
}

/** The bids of a Nexmark stream. @public */
export const bidsOf = (events: PCollection<NexmarkEvent>): PCollection<Bid> =>
  select(events, (e): e is Bid => e.type === "bid", "Bids");
/** The auctions of a Nexmark stream. @public */
export const auctionsOf = (events: PCollection<NexmarkEvent>): PCollection<Auction> =>
  select(events, (e): e is Auction => e.type === "auction", "Auctions");
/** The new persons of a Nexmark stream. @public */
export const personsOf = (events: PCollection<NexmarkEvent>): PCollection<Person> =>
  select(events, (e): e is Person => e.type === "person", "Persons");
