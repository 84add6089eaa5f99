import {
  PTransform,
  combiners,
  kv,
  slidingWindows,
  type Duration,
  type KV,
  type PCollection,
} from "@tributary/core";
import type { ClickEvent } from "../datagen/ClickEvent";
import { toWindowedRows, type WindowFields } from "../rows/windowFields";

/** A related product and how many users had both. @public */
export interface RelatedProduct {
  readonly productId: string;
  readonly score: number;
}

/** The top related products of one product in one sliding window. @public */
export interface RelatedProductsRow extends WindowFields {
  readonly productId: string;
  readonly related: readonly RelatedProduct[];
}

/** Options of {@link RelatedProducts}. @public */
export interface RelatedProductsOptions {
  readonly windowSize: Duration;
  readonly windowPeriod: Duration;
  readonly topN: number;
  /** Per user and window, only the first this many distinct products make pairs (bounds the quadratic blow-up). */
  readonly maxProductsPerUser: number;
}

/** Ranks by score, then by product id (smaller id ranks higher), so ties are deterministic. @public */
export function byScoreThenId(a: RelatedProduct, b: RelatedProduct): number {
  return a.score - b.score || (a.productId < b.productId ? 1 : a.productId > b.productId ? -1 : 0);
}

const PAIR_SEPARATOR = "|";

/**
 * Item-to-item co-occurrence: for every product, the products that the most users also had in
 * the same sliding window, top-N per product.
 *
 * Per user and window the distinct products (from `productsOf`, in first-seen order, at most
 * `maxProductsPerUser`) make every ordered pair (a, b), a ≠ b; the pairs are counted over users
 * (`combiners.count`), regrouped by `a`, and ranked with `combiners.top(topN, byScoreThenId)`.
 * @public
 */
export class RelatedProducts extends PTransform<PCollection<ClickEvent>, PCollection<RelatedProductsRow>> {
  constructor(
    private readonly productsOf: (e: ClickEvent) => readonly string[],
    private readonly options: RelatedProductsOptions,
    name = "RelatedProducts",
  ) {
    super(name);
  }

  expand(events: PCollection<ClickEvent>): PCollection<RelatedProductsRow> {
    const { windowSize, windowPeriod, topN, maxProductsPerUser } = this.options;
    const productsOf = this.productsOf;
    return events
      .withKeys((e) => e.userId, "KeyByUser")
      .windowInto(slidingWindows(windowSize).every(windowPeriod), {}, "SlidingWindows")
      .groupByKey("GroupByUser")
      .flatMap(
        (g: KV<string, ClickEvent[]>) => productPairs(g.value, productsOf, maxProductsPerUser),
        "Pairs",
      )
      .withKeys((pair) => pair, "KeyByPair")
      .combinePerKey(combiners.count(), "CountUsersPerPair")
      .map((c: KV<string, number>) => {
        const [a, b] = c.key.split(PAIR_SEPARATOR) as [string, string];
        return kv(a, { productId: b, score: c.value });
      }, "KeyByProduct")
      .combinePerKey(combiners.top(topN, byScoreThenId), "TopRelated")
      .apply(
        "Rows",
        toWindowedRows((t: KV<string, RelatedProduct[]>, w): RelatedProductsRow => ({
          ...w,
          productId: t.key,
          related: t.value,
        })),
      );
  }
}

/** The ordered pairs `a|b` of the distinct products of one user's events. @public */
export function productPairs(
  events: readonly ClickEvent[],
  productsOf: (e: ClickEvent) => readonly string[],
  maxProducts: number,
): string[] {
  const distinct = new Set<string>();
  for (const e of events) {
    for (const p of productsOf(e)) {
      if (distinct.size >= maxProducts) break;
      distinct.add(p);
    }
  }
  const products = [...distinct];
  const pairs: string[] = [];
  for (const a of products) for (const b of products) if (a !== b) pairs.push(a + PAIR_SEPARATOR + b);
  return pairs;
}
