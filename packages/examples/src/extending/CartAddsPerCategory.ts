import {
  PTransform,
  combiners,
  fixedWindows,
  kv,
  type Duration,
  type KV,
  type PCollection,
} from "@tributary/core";
import type { ClickEvent } from "../datagen/ClickEvent";

/**
 * A user's own composite transform: items added to carts per product category per window. `expand` chains
 * public transforms; the pipeline graph shows it as one box named after it.
 * @example
 * ```ts
 * const cartAdds = clicks.apply(new CartAddsPerCategory(minutes(10)));
 * ```
 * @public
 */
export class CartAddsPerCategory extends PTransform<
  PCollection<ClickEvent>,
  PCollection<KV<string, number>>
> {
  constructor(private readonly window: Duration) {
    super("CartAddsPerCategory");
  }

  expand(clicks: PCollection<ClickEvent>): PCollection<KV<string, number>> {
    return clicks
      .filter((e) => e.type === "add_to_cart" && e.category !== null, "CartAdds")
      .map((e) => kv(e.category!, 1), "ByCategory")
      .windowInto(fixedWindows(this.window), {}, "Windows")
      .combinePerKey(combiners.sum(), "Sum");
  }
}
