import { describe, it } from "vitest";
import type { IntervalWindow } from "@tributary/core";
import { Pipeline, createTimestamped, minutes } from "@tributary/core";
import { assertThat } from "@tributary/core/testing";
import type { ClickEvent } from "../datagen/ClickEvent";
import { generateClickStream } from "../datagen/generateClickStream";
import { CartAddsPerCategory } from "./CartAddsPerCategory";
import { abandonedCarts } from "./abandonedCarts";

const { events } = generateClickStream({ seed: 3, maxEvents: 3000, lateFraction: 0 });
const input = (p: Pipeline) =>
  p.apply(createTimestamped(events.map((e) => ({ value: e, timestamp: e.timestamp }))));

describe("Extending: a composite transform and a stateful DoFn of your own", () => {
  it("CartAddsPerCategory counts cart adds per category per 10 minutes (batch oracle)", async () => {
    const oracle = new Map<string, number>();
    for (const e of events)
      if (e.type === "add_to_cart" && e.category) {
        const k = `${e.category}@${e.timestamp - (e.timestamp % minutes(10))}`;
        oracle.set(k, (oracle.get(k) ?? 0) + 1);
      }
    const p = Pipeline.create();
    const out = input(p).apply(new CartAddsPerCategory(minutes(10)));
    const rows = out.parDo<string>({
      process: (kv, ctx) => ctx.output(`${kv.key}@${(ctx.window as IntervalWindow).start}=${kv.value}`),
    });
    assertThat(rows).containsInAnyOrder(...[...oracle].map(([k, n]) => `${k}=${n}`));
    await p.run();
  });

  it("abandonedCarts reports carts with no purchase within 30 minutes of the last add (batch oracle)", async () => {
    const byUser = new Map<string, ClickEvent[]>();
    for (const e of [...events].sort((a, b) => a.timestamp - b.timestamp))
      byUser.set(e.userId, [...(byUser.get(e.userId) ?? []), e]);
    const expected: string[] = [];
    for (const [user, evs] of byUser) {
      let items = 0;
      let last = 0;
      for (const e of evs) {
        if (items > 0 && e.timestamp >= last + minutes(30)) {
          expected.push(`${user}:${items}`);
          items = 0;
        }
        if (e.type === "add_to_cart") {
          items++;
          last = e.timestamp;
        } else if (e.type === "purchase") items = 0;
      }
      if (items > 0) expected.push(`${user}:${items}`);
    }
    const p = Pipeline.create();
    const out = input(p)
      .withKeys((e) => e.userId)
      .parDo(abandonedCarts(minutes(30)), "AbandonedCarts");
    assertThat(out.map((c) => `${c.userId}:${c.items}`)).containsInAnyOrder(...expected);
    await p.run();
  });
});
