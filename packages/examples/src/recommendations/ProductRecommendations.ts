import { PTransform, hours, minutes, type Duration, type PCollection } from "@tributary/core";
import type { ClickEvent } from "../datagen/ClickEvent";
import { RelatedProducts, type RelatedProductsRow } from "./RelatedProducts";

/** Options of {@link ProductRecommendations}; the defaults are what the CLI runs. @public */
export interface RecommendationOptions {
  /** Sliding window size. Default 1 hour. */
  readonly windowSize?: Duration;
  /** A new window every this long. Default 10 minutes. */
  readonly windowPeriod?: Duration;
  /** Related products kept per product. Default 5. */
  readonly topN?: number;
  /** Distinct products per user and window that make pairs. Default 20. */
  readonly maxProductsPerUser?: number;
}

/** The outputs of {@link ProductRecommendations}. @public */
export interface RecommendationResults {
  /** "Users who viewed this also viewed": co-views per sliding window. */
  readonly coViewed: PCollection<RelatedProductsRow>;
  /** "Frequently bought together": products bought by the same user in the window. */
  readonly boughtTogether: PCollection<RelatedProductsRow>;
}

const viewed = (e: ClickEvent): readonly string[] =>
  e.type === "product_view" && e.productId ? [e.productId] : [];
const bought = (e: ClickEvent): readonly string[] => (e.type === "purchase" ? (e.items ?? []) : []);

/**
 * Product recommendations from co-occurrence: co-viewed and bought-together product pairs per
 * sliding window, top-N per product, updated every `windowPeriod`.
 * @example
 * ```ts
 * const { coViewed, boughtTogether } = clicks.apply("Recommendations", new ProductRecommendations());
 * ```
 * @public
 */
export class ProductRecommendations extends PTransform<PCollection<ClickEvent>, RecommendationResults> {
  constructor(private readonly options: RecommendationOptions = {}) {
    super("ProductRecommendations");
  }

  expand(events: PCollection<ClickEvent>): RecommendationResults {
    const o = {
      windowSize: this.options.windowSize ?? hours(1),
      windowPeriod: this.options.windowPeriod ?? minutes(10),
      topN: this.options.topN ?? 5,
      maxProductsPerUser: this.options.maxProductsPerUser ?? 20,
    };
    const coViewed = events
      .filter((e) => e.type === "product_view", "ProductViews")
      .apply("CoViewed", new RelatedProducts(viewed, o, "CoViewed"));
    const boughtTogether = events
      .filter((e) => e.type === "purchase", "Purchases")
      .apply("BoughtTogether", new RelatedProducts(bought, o, "BoughtTogether"));
    return { coViewed, boughtTogether };
  }
}
