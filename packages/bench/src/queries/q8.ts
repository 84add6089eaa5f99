import { coGroupByKey, fixedWindows, type IntervalWindow } from "@tributary/core";
import type { Auction, Person } from "../nexmark/model";
import { auctionsOf, personsOf } from "./select";
import { writeTo, type NexmarkQuery } from "./NexmarkQuery";
import { windowStarts, WindowTable } from "./windowStarts";

/** Q8's output: a person who joined and opened an auction in the same window. @public */
export interface IdNameReserve {
  readonly windowStart: number;
  readonly id: number;
  readonly name: string;
  readonly reserve: number;
}

/**
 * Q8, monitor new users: per fixed window (10 s), the people who registered and opened
 * auctions in it — persons and auctions joined on seller id with CoGroupByKey; one output per
 * such auction.
 * @public
 */
export const q8: NexmarkQuery<IdNameReserve> = {
  name: "Q8",
  description: "new users: persons joined with their auctions in the same fixed 10 s window (CoGroupByKey)",
  ordered: false,
  expand(events, sink, { config }) {
    const window = fixedWindows(config.windowSizeSec * 1000);
    const persons = personsOf(events)
      .windowInto(window)
      .withKeys((p: Person) => p.id);
    const auctions = auctionsOf(events)
      .windowInto(window)
      .withKeys((a: Auction) => a.seller);
    writeTo(
      coGroupByKey({ persons, auctions }).parDo<IdNameReserve>({
        name: "Select",
        process({ value }, ctx) {
          const person = value.persons[0];
          if (!person) return;
          const windowStart = (ctx.window as IntervalWindow).start;
          for (const a of value.auctions)
            ctx.output({ windowStart, id: person.id, name: person.name, reserve: a.reserve });
        },
      }),
      sink,
    );
  },
  baseline(events, sink, { config }) {
    const size = config.windowSizeSec * 1000;
    const table = new WindowTable<{ persons: Map<number, Person>; auctions: Auction[] }>(
      size,
      () => ({ persons: new Map(), auctions: [] }),
      (windowStart, w) => {
        for (const a of w.auctions) {
          const p = w.persons.get(a.seller);
          if (p) sink.accept({ windowStart, id: p.id, name: p.name, reserve: a.reserve });
        }
      },
    );
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.type === "bid") continue;
      table.closeBefore(e.dateTime);
      const w = table.get(windowStarts(e.dateTime, size, size)[0]!);
      if (e.type === "person") w.persons.set(e.id, e);
      else w.auctions.push(e);
    }
    table.closeBefore(Infinity);
  },
};
