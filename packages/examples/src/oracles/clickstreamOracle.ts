import type { ClickEvent } from "../datagen/ClickEvent";

const floorTo = (t: number, size: number) => t - (((t % size) + size) % size);

/** Views per page per window of `size` ms, by `"<windowStart>|<page>"`: the batch reference for page counts. @public */
export function pageViewsOracle(events: readonly ClickEvent[], size = 60_000): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of events) {
    if (e.type !== "page_view" && e.type !== "product_view") continue;
    const k = `${floorTo(e.timestamp, size)}|${e.page}`;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** Distinct sessions reaching each funnel step per window of `size` ms: `[visited, product, cart, checkout, purchase]` by windowStart. @public */
export function funnelOracle(events: readonly ClickEvent[], size = 300_000): Map<number, number[]> {
  const steps = [null, "product_view", "add_to_cart", "checkout", "purchase"];
  const sets = new Map<number, Array<Set<string>>>();
  for (const e of events) {
    const w = floorTo(e.timestamp, size);
    let s = sets.get(w);
    if (!s) sets.set(w, (s = steps.map(() => new Set<string>())));
    steps.forEach((step, i) => {
      if (step === null || step === e.type) s[i]!.add(e.sessionId);
    });
  }
  return new Map([...sets].map(([w, s]) => [w, s.map((x) => x.size)]));
}

/** Sessions per user by a `gap`-ms inactivity gap: `"<userId>|<firstEvent>|<lastEvent>|<events>"` strings. @public */
export function sessionsOracle(events: readonly ClickEvent[], gap = 1_800_000): string[] {
  const byUser = new Map<string, number[]>();
  for (const e of events) {
    let ts = byUser.get(e.userId);
    if (!ts) byUser.set(e.userId, (ts = []));
    ts.push(e.timestamp);
  }
  const out: string[] = [];
  for (const [user, ts] of byUser) {
    ts.sort((a, b) => a - b);
    let first = 0;
    for (let i = 1; i <= ts.length; i++) {
      if (i === ts.length || ts[i]! - ts[i - 1]! >= gap) {
        out.push(`${user}|${ts[first]}|${ts[i - 1]}|${i - first}`);
        first = i;
      }
    }
  }
  return out;
}
