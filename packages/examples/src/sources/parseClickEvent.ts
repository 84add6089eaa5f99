import type { ClickEvent } from "../datagen/ClickEvent";

const TYPES = new Set(["page_view", "product_view", "add_to_cart", "checkout", "purchase", "payment_failed"]);
const DEVICES = new Set(["desktop", "mobile", "tablet"]);
const STRINGS = ["eventId", "userId", "sessionId", "page", "referrer", "country", "city"] as const;
const NULLABLE_STRINGS = ["productId", "category", "cardId"] as const;

/**
 * Checks that a parsed JSON value is a {@link ClickEvent} and returns it (a fresh plain object
 * holding only the known fields).
 * @throws TypeError naming the first bad field.
 * @public
 */
export function parseClickEvent(v: unknown): ClickEvent {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new TypeError("a click event must be a JSON object");
  const o = v as Record<string, unknown>;
  const bad = (field: string, want: string) =>
    new TypeError(`field ${field} must be ${want}, got ${JSON.stringify(o[field]) ?? "nothing"}`);
  for (const f of STRINGS) if (typeof o[f] !== "string") throw bad(f, "a string");
  for (const f of NULLABLE_STRINGS)
    if (o[f] !== null && typeof o[f] !== "string") throw bad(f, "a string or null");
  if (!TYPES.has(o["type"] as string)) throw bad("type", [...TYPES].join(" | "));
  if (!DEVICES.has(o["device"] as string)) throw bad("device", [...DEVICES].join(" | "));
  if (!Number.isSafeInteger(o["timestamp"])) throw bad("timestamp", "epoch milliseconds");
  for (const f of ["lat", "lon"] as const)
    if (typeof o[f] !== "number" || !Number.isFinite(o[f])) throw bad(f, "a finite number");
  if (o["amountCents"] !== null && !Number.isSafeInteger(o["amountCents"]))
    throw bad("amountCents", "an integer or null");
  const items = o["items"];
  if (items !== null && !(Array.isArray(items) && items.every((i) => typeof i === "string")))
    throw bad("items", "an array of strings or null");
  return {
    eventId: o["eventId"] as string,
    type: o["type"] as ClickEvent["type"],
    timestamp: o["timestamp"] as number,
    userId: o["userId"] as string,
    sessionId: o["sessionId"] as string,
    page: o["page"] as string,
    productId: o["productId"] as string | null,
    category: o["category"] as string | null,
    referrer: o["referrer"] as string,
    device: o["device"] as ClickEvent["device"],
    country: o["country"] as string,
    city: o["city"] as string,
    lat: o["lat"] as number,
    lon: o["lon"] as number,
    amountCents: o["amountCents"] as number | null,
    cardId: o["cardId"] as string | null,
    items: items,
  };
}
