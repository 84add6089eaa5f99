import type { ClickEvent } from "../datagen/ClickEvent";

/**
 * Naive batch reference of {@link ProductRecommendations}: for every sliding window, per user the
 * set of products, ordered pairs counted over users, top-N per product (ties by id).
 * @public
 */
export function relatedProductsOracle(
  events: readonly ClickEvent[],
  productsOf: (e: ClickEvent) => readonly string[],
  size: number,
  period: number,
  n: number,
) {
  const perWindowUser = new Map<number, Map<string, Set<string>>>();
  for (const e of events) {
    const products = productsOf(e);
    if (products.length === 0) continue;
    for (let start = e.timestamp - (e.timestamp % period); start > e.timestamp - size; start -= period) {
      const users = perWindowUser.get(start) ?? new Map<string, Set<string>>();
      perWindowUser.set(start, users);
      const set = users.get(e.userId) ?? new Set<string>();
      users.set(e.userId, set);
      for (const p of products) set.add(p);
    }
  }
  const rows: Array<{
    windowStart: number;
    productId: string;
    related: Array<{ productId: string; score: number }>;
  }> = [];
  for (const [start, users] of perWindowUser) {
    const pairs = new Map<string, Map<string, number>>();
    for (const set of users.values()) {
      for (const a of set) {
        for (const b of set) {
          if (a === b) continue;
          const m = pairs.get(a) ?? new Map<string, number>();
          pairs.set(a, m);
          m.set(b, (m.get(b) ?? 0) + 1);
        }
      }
    }
    for (const [a, m] of pairs) {
      const related = [...m]
        .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
        .slice(0, n)
        .map(([productId, score]) => ({ productId, score }));
      rows.push({ windowStart: start, productId: a, related });
    }
  }
  return rows;
}
