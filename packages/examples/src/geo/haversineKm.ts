const EARTH_RADIUS_KM = 6371;
const RAD = Math.PI / 180;

/**
 * The great-circle distance in kilometres between two points given in degrees.
 * @example
 * ```ts
 * Math.round(haversineKm(51.51, -0.13, 40.71, -74.01)); // 5570 (London – New York)
 * ```
 * @public
 */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}
