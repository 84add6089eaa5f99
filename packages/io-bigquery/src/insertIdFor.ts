import { createHash } from "node:crypto";
import type { PaneInfo } from "@tributary/core";
import type { CanonicalRow, CanonicalValue } from "./CanonicalRow";

function feed(hash: ReturnType<typeof createHash>, v: CanonicalValue): void {
  if (v === null) hash.update("\u0000n");
  else if (typeof v === "string") hash.update("\u0000s").update(String(v.length)).update(":").update(v);
  else if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean")
    hash.update(`\u0000${typeof v}${String(v)}`);
  else if (v instanceof Uint8Array) hash.update("\u0000b").update(String(v.length)).update(":").update(v);
  else if (Array.isArray(v)) {
    hash.update(`\u0000a${v.length}`);
    for (const x of v as readonly CanonicalValue[]) feed(hash, x);
  } else {
    hash.update("\u0000r");
    for (const [k, x] of Object.entries(v as CanonicalRow)) {
      hash.update(k);
      feed(hash, x);
    }
  }
}

/**
 * The deterministic insertId of a row: a hash of the table, the converted row, the element's
 * timestamp, window and pane index, and `occurrence` (how many identical rows came before it in
 * the bundle, so genuine duplicates are not collapsed). Replaying the same element in the same
 * pane yields the same id, which is what lets BigQuery deduplicate insertAll retries.
 * @example
 * ```ts
 * insertIdFor("ds.t", row, 1000, "[0, 60000)", pane, 0) === insertIdFor("ds.t", row, 1000, "[0, 60000)", pane, 0); // true
 * ```
 * @public
 */
export function insertIdFor(
  tableSpec: string,
  row: CanonicalRow,
  timestamp: number,
  window: string,
  pane: PaneInfo,
  occurrence: number,
): string {
  const hash = createHash("sha256");
  hash.update(tableSpec).update(`\u0001${timestamp}\u0001${window}\u0001${pane.index}\u0001`);
  feed(hash, row);
  const id = hash.digest("base64url").slice(0, 32);
  return occurrence === 0 ? id : `${id}-${occurrence}`;
}
