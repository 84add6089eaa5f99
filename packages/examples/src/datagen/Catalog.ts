import type { Random } from "./Random";

/** A city events can come from, with its coordinates and a relative population weight. @public */
export interface City {
  readonly city: string;
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
  readonly weight: number;
}

/** A product of the shop: its id, category and price in cents. @public */
export interface Product {
  readonly productId: string;
  readonly category: string;
  readonly priceCents: number;
}

/** The cities of the generated world: spread over continents so that travel can be impossible. @public */
export const CITIES: readonly City[] = [
  { city: "New York", country: "US", lat: 40.71, lon: -74.01, weight: 10 },
  { city: "Los Angeles", country: "US", lat: 34.05, lon: -118.24, weight: 7 },
  { city: "Chicago", country: "US", lat: 41.88, lon: -87.63, weight: 5 },
  { city: "Toronto", country: "CA", lat: 43.65, lon: -79.38, weight: 4 },
  { city: "Mexico City", country: "MX", lat: 19.43, lon: -99.13, weight: 4 },
  { city: "São Paulo", country: "BR", lat: -23.55, lon: -46.63, weight: 5 },
  { city: "London", country: "GB", lat: 51.51, lon: -0.13, weight: 8 },
  { city: "Paris", country: "FR", lat: 48.86, lon: 2.35, weight: 6 },
  { city: "Berlin", country: "DE", lat: 52.52, lon: 13.4, weight: 5 },
  { city: "Madrid", country: "ES", lat: 40.42, lon: -3.7, weight: 4 },
  { city: "Lagos", country: "NG", lat: 6.52, lon: 3.38, weight: 3 },
  { city: "Mumbai", country: "IN", lat: 19.08, lon: 72.88, weight: 6 },
  { city: "Singapore", country: "SG", lat: 1.35, lon: 103.82, weight: 3 },
  { city: "Tokyo", country: "JP", lat: 35.68, lon: 139.69, weight: 7 },
  { city: "Seoul", country: "KR", lat: 37.57, lon: 126.98, weight: 4 },
  { city: "Sydney", country: "AU", lat: -33.87, lon: 151.21, weight: 3 },
];

/** The product categories, most popular first. @public */
export const CATEGORIES: readonly string[] = [
  "electronics",
  "fashion",
  "home",
  "books",
  "sports",
  "beauty",
  "toys",
  "grocery",
  "garden",
  "automotive",
];

/** Where sessions come from, with their relative frequency. @public */
export const REFERRERS: ReadonlyArray<readonly [string, number]> = [
  ["google", 40],
  ["direct", 25],
  ["facebook", 10],
  ["instagram", 8],
  ["email", 7],
  ["bing", 5],
  ["affiliate", 5],
];

/**
 * Makes `n` products: categories assigned by a skewed draw, prices log-normal around $35
 * (capped at $600), ids `p0` (the most popular) to `p<n-1>`.
 * @public
 */
export function makeProducts(n: number, random: Random): Product[] {
  const products: Product[] = [];
  const categoryWeights = CATEGORIES.map((c, i) => [c, 1 / (i + 1)] as const);
  for (let i = 0; i < n; i++) {
    const price = Math.min(600, random.logNormal(Math.log(35), 0.8));
    products.push({
      productId: `p${i}`,
      category: random.weighted(categoryWeights),
      priceCents: Math.max(199, Math.round(price * 100)),
    });
  }
  return products;
}
