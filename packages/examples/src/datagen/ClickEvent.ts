/** What a user did. @public */
export type EventType =
  "page_view" | "product_view" | "add_to_cart" | "checkout" | "purchase" | "payment_failed";

/** The device a session runs on. @public */
export type Device = "desktop" | "mobile" | "tablet";

/**
 * One click-stream event of the e-commerce site. A flat record (nulls where a field does not
 * apply) so it maps one-to-one onto a JSON line, a Pub/Sub message or a BigQuery row.
 * @public
 */
export interface ClickEvent {
  /** Unique and stable for a seed: `"<seed>-<sequence>"`. */
  readonly eventId: string;
  readonly type: EventType;
  /** Event time, epoch milliseconds. */
  readonly timestamp: number;
  readonly userId: string;
  /** The generator's session id (ground truth; pipelines derive sessions from gaps instead). */
  readonly sessionId: string;
  /** The page path, e.g. `/`, `/category/shoes`, `/product/p42`, `/cart`, `/checkout`. */
  readonly page: string;
  readonly productId: string | null;
  readonly category: string | null;
  /** Where the session came from: `google`, `direct`, `email`, ... */
  readonly referrer: string;
  readonly device: Device;
  readonly country: string;
  readonly city: string;
  readonly lat: number;
  readonly lon: number;
  /** Order amount in cents, on `purchase` and `payment_failed`. */
  readonly amountCents: number | null;
  /** The payment card, on `checkout`, `purchase` and `payment_failed`. */
  readonly cardId: string | null;
  /** The ordered product ids, on `purchase` and `payment_failed`. */
  readonly items: readonly string[] | null;
}
