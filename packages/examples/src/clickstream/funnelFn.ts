import { combineFn } from "@tributary/core";
import type { ClickEvent, EventType } from "../datagen/ClickEvent";

/** Distinct sessions at each step of the purchase funnel, and the end-to-end conversion. @public */
export interface FunnelCounts {
  readonly sessions: number;
  readonly viewedProduct: number;
  readonly addedToCart: number;
  readonly checkedOut: number;
  readonly purchased: number;
  /** purchased / sessions. */
  readonly conversionRate: number;
}

/** The funnel steps, in order, with the event type that reaches each. @public */
export const FUNNEL_STEPS: ReadonlyArray<
  readonly [keyof Omit<FunnelCounts, "conversionRate">, EventType | null]
> = [
  ["sessions", null],
  ["viewedProduct", "product_view"],
  ["addedToCart", "add_to_cart"],
  ["checkedOut", "checkout"],
  ["purchased", "purchase"],
];

type Acc = Set<string>[];

/**
 * Counts the distinct sessions reaching each funnel step (one set of session ids per step; a
 * session counts once per step however many events it has there).
 * @public
 */
export const funnelFn = combineFn<ClickEvent, Acc, FunnelCounts>({
  name: "funnel",
  create: () => FUNNEL_STEPS.map(() => new Set<string>()),
  add(acc, e) {
    acc[0]!.add(e.sessionId);
    for (let i = 1; i < FUNNEL_STEPS.length; i++)
      if (FUNNEL_STEPS[i]![1] === e.type) acc[i]!.add(e.sessionId);
    return acc;
  },
  merge([first, ...rest]) {
    for (const o of rest) o.forEach((set, i) => set.forEach((id) => first![i]!.add(id)));
    return first!;
  },
  extract(acc) {
    const [sessions, viewedProduct, addedToCart, checkedOut, purchased] = acc.map((s) => s.size) as [
      number,
      number,
      number,
      number,
      number,
    ];
    return {
      sessions,
      viewedProduct,
      addedToCart,
      checkedOut,
      purchased,
      conversionRate: sessions === 0 ? 0 : purchased / sessions,
    };
  },
});
