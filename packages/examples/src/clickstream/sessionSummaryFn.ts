import { combineFn } from "@tributary/core";
import type { SessionStats } from "./sessionStatsFn";

/** Sessions of one window, summarized. @public */
export interface SessionSummary {
  readonly sessions: number;
  readonly meanDurationSec: number;
  readonly meanEvents: number;
  /** Share of sessions with a single event. */
  readonly bounceRate: number;
  /** Share of sessions with a purchase. */
  readonly conversionRate: number;
  readonly revenueCents: number;
}

interface Acc {
  sessions: number;
  durationMs: number;
  events: number;
  bounces: number;
  converted: number;
  revenueCents: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** Summarizes sessions: counts, means and rates. @public */
export const sessionSummaryFn = combineFn<SessionStats, Acc, SessionSummary>({
  name: "sessionSummary",
  create: () => ({ sessions: 0, durationMs: 0, events: 0, bounces: 0, converted: 0, revenueCents: 0 }),
  add(acc, s) {
    acc.sessions++;
    acc.durationMs += s.durationMs;
    acc.events += s.events;
    if (s.events === 1) acc.bounces++;
    if (s.purchases > 0) acc.converted++;
    acc.revenueCents += s.revenueCents;
    return acc;
  },
  merge([first, ...rest]) {
    const acc = first!;
    for (const o of rest) {
      acc.sessions += o.sessions;
      acc.durationMs += o.durationMs;
      acc.events += o.events;
      acc.bounces += o.bounces;
      acc.converted += o.converted;
      acc.revenueCents += o.revenueCents;
    }
    return acc;
  },
  extract: (acc) => ({
    sessions: acc.sessions,
    meanDurationSec: ratio(acc.durationMs, acc.sessions * 1000),
    meanEvents: ratio(acc.events, acc.sessions),
    bounceRate: ratio(acc.bounces, acc.sessions),
    conversionRate: ratio(acc.converted, acc.sessions),
    revenueCents: acc.revenueCents,
  }),
});
