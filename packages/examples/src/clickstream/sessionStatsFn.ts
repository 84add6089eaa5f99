import { combineFn } from "@tributary/core";
import type { ClickEvent } from "../datagen/ClickEvent";

/** What one session did. @public */
export interface SessionStats {
  /** Event time of the first and last event. */
  readonly firstEvent: number;
  readonly lastEvent: number;
  readonly durationMs: number;
  readonly events: number;
  readonly productViews: number;
  readonly addToCarts: number;
  readonly purchases: number;
  readonly revenueCents: number;
}

type Acc = { -readonly [K in keyof SessionStats]: SessionStats[K] };

/** Folds one user's events into {@link SessionStats}. @public */
export const sessionStatsFn = combineFn<ClickEvent, Acc, SessionStats>({
  name: "sessionStats",
  create: () => ({
    firstEvent: Infinity,
    lastEvent: -Infinity,
    durationMs: 0,
    events: 0,
    productViews: 0,
    addToCarts: 0,
    purchases: 0,
    revenueCents: 0,
  }),
  add(acc, e) {
    if (e.timestamp < acc.firstEvent) acc.firstEvent = e.timestamp;
    if (e.timestamp > acc.lastEvent) acc.lastEvent = e.timestamp;
    acc.events++;
    if (e.type === "product_view") acc.productViews++;
    else if (e.type === "add_to_cart") acc.addToCarts++;
    else if (e.type === "purchase") {
      acc.purchases++;
      acc.revenueCents += e.amountCents ?? 0;
    }
    return acc;
  },
  merge([first, ...rest]) {
    const acc = first!;
    for (const o of rest) {
      acc.firstEvent = Math.min(acc.firstEvent, o.firstEvent);
      acc.lastEvent = Math.max(acc.lastEvent, o.lastEvent);
      acc.events += o.events;
      acc.productViews += o.productViews;
      acc.addToCarts += o.addToCarts;
      acc.purchases += o.purchases;
      acc.revenueCents += o.revenueCents;
    }
    return acc;
  },
  extract: (acc) => ({ ...acc, durationMs: acc.events > 0 ? acc.lastEvent - acc.firstEvent : 0 }),
});
