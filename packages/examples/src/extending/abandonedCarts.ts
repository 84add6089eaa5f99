import { eventTimer, valueState, type DoFn, type Duration, type KV } from "@tributary/core";
import type { ClickEvent } from "../datagen/ClickEvent";

/** A cart left without a purchase. @public */
export interface AbandonedCart {
  readonly userId: string;
  readonly lastAddAt: number;
  readonly items: number;
}

/**
 * A user's own stateful DoFn: per user (the key), count the items added to the cart in
 * `valueState`; an event-time timer `timeout` after the latest add reports the cart as abandoned
 * unless a purchase cleared it first.
 * @example
 * ```ts
 * clicks.withKeys((e) => e.userId).parDo(abandonedCarts(minutes(30)), "AbandonedCarts");
 * ```
 * @public
 */
export function abandonedCarts(timeout: Duration): DoFn<KV<string, ClickEvent>, AbandonedCart> {
  const items = valueState<number>("items");
  const lastAdd = valueState<number>("lastAdd");
  const expire = eventTimer("expire");
  return {
    name: "AbandonedCarts",
    state: { items, lastAdd },
    timers: { expire },
    process(e, ctx) {
      const previous = ctx.state.access(lastAdd).read();
      if (previous !== undefined && e.value.timestamp >= previous + timeout) {
        // The timer is due but has not fired yet (e.g. a batch run): report that cart first.
        ctx.output({ userId: e.key, lastAddAt: previous, items: ctx.state.access(items).read() ?? 0 });
        ctx.state.access(items).clear();
        ctx.state.access(lastAdd).clear();
      }
      if (e.value.type === "add_to_cart") {
        ctx.state.access(items).write((ctx.state.access(items).read() ?? 0) + 1);
        const last = Math.max(ctx.state.access(lastAdd).read() ?? e.value.timestamp, e.value.timestamp);
        ctx.state.access(lastAdd).write(last);
        ctx.timers.access(expire).set(last + timeout);
      } else if (e.value.type === "purchase") {
        ctx.state.access(items).clear();
        ctx.state.access(lastAdd).clear();
        ctx.timers.access(expire).clear();
      }
    },
    onTimer(ctx) {
      const n = ctx.state.access(items).read();
      const at = ctx.state.access(lastAdd).read();
      if (n !== undefined && at !== undefined)
        ctx.output({ userId: String(ctx.key), lastAddAt: at, items: n });
      ctx.state.access(items).clear();
      ctx.state.access(lastAdd).clear();
    },
  };
}
