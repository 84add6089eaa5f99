import { bagState, eventTimer, valueState, type DoFn, type KV } from "@tributary/core";
import type { Auction, NexmarkEvent, Person } from "../nexmark/model";
import { writeTo, type NexmarkQuery } from "./NexmarkQuery";
import { select } from "./select";

/** Q3's output: who sells what, where. @public */
export interface NameCityStateId {
  readonly name: string;
  readonly city: string;
  readonly state: string;
  readonly id: number;
}

const STATES = new Set(["OR", "ID", "CA"]);
const CATEGORY = 10;

/** A person in OR, ID or CA, or an auction in category 10. */
function selected(e: NexmarkEvent): e is Person | Auction {
  return (e.type === "person" && STATES.has(e.state)) || (e.type === "auction" && e.category === CATEGORY);
}
const joinKey = (e: Person | Auction): number => (e.type === "person" ? e.id : e.seller);
const joined = (p: Person, a: Auction): NameCityStateId => ({
  name: p.name,
  city: p.city,
  state: p.state,
  id: a.id,
});

const person = valueState<Person>("person");
const pending = bagState<Auction>("pending");
const lastSeen = valueState<number>("lastSeen");
const expiry = eventTimer("expiry");

/**
 * Beam's Q3 JoinDoFn: per person id, keeps the person and the auctions that arrived before
 * them; a key untouched for `waitMs` of event time is forgotten. The expiry is checked on every
 * element (so the output does not depend on when the timer fires); the timer only frees memory.
 */
function joinFn(waitMs: number): DoFn<KV<number, Person | Auction>, NameCityStateId> {
  return {
    name: "JoinPersonsAuctions",
    state: { person, pending, lastSeen },
    timers: { expiry },
    process({ value: e }, ctx) {
      const last = ctx.state.access(lastSeen);
      const seen = last.read();
      const p = ctx.state.access(person);
      const waiting = ctx.state.access(pending);
      if (seen === undefined || ctx.timestamp > seen + waitMs) {
        p.clear();
        waiting.clear();
        ctx.timers.access(expiry).set(ctx.timestamp + waitMs);
      }
      last.write(ctx.timestamp);
      if (e.type === "person") {
        p.write(e);
        for (const a of waiting.read()) ctx.output(joined(e, a));
        waiting.clear();
      } else {
        const known = p.read();
        if (known) ctx.output(joined(known, e));
        else waiting.add(e);
      }
    },
    onTimer(ctx) {
      const seen = ctx.state.access(lastSeen).read();
      if (seen !== undefined && seen + waitMs > ctx.fireTimestamp) {
        ctx.timers.access(expiry).set(seen + waitMs);
        return;
      }
      ctx.state.access(person).clear();
      ctx.state.access(pending).clear();
      ctx.state.access(lastSeen).clear();
    },
  };
}

/** Q3, local item suggestion: sellers in OR/ID/CA joined with their category-10 auctions. @public */
export const q3: NexmarkQuery<NameCityStateId> = {
  name: "Q3",
  description: "join: persons in OR/ID/CA with their auctions in category 10 (stateful DoFn)",
  ordered: false,
  expand(events, sink, { config }) {
    const waitMs = config.maxAuctionsWaitingTimeSec * 1000;
    writeTo(select(events, selected, "PersonsAndAuctions").withKeys(joinKey).parDo(joinFn(waitMs)), sink);
  },
  baseline(events, sink, { config }) {
    const waitMs = config.maxAuctionsWaitingTimeSec * 1000;
    const byKey = new Map<number, { person: Person | undefined; pending: Auction[]; lastSeen: number }>();
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (!selected(e)) continue;
      const key = joinKey(e);
      let s = byKey.get(key);
      if (!s || e.dateTime > s.lastSeen + waitMs)
        byKey.set(key, (s = { person: undefined, pending: [], lastSeen: 0 }));
      s.lastSeen = e.dateTime;
      if (e.type === "person") {
        s.person = e;
        for (const a of s.pending) sink.accept(joined(e, a));
        s.pending = [];
      } else if (s.person) sink.accept(joined(s.person, e));
      else s.pending.push(e);
    }
  },
};
