import { digestStrings, foldOffset } from "./keyDigest";
import { payloadAt, type RecoveryWorkload } from "./RecoveryWorkload";
import type { KeySummary } from "./recentEventsFn";

/**
 * The oracle: what an uninterrupted run over offsets [0, end) outputs, computed by one loop per
 * key with no runner, no state and no checkpoints. Keys that saw no event output nothing.
 * @public
 */
export function expectedSummaries(workload: RecoveryWorkload, end: number): KeySummary[] {
  const out: KeySummary[] = [];
  for (let key = 0; key < Math.min(workload.keys, end); key++) {
    let count = 0;
    let digest = 0;
    for (let offset = key; offset < end; offset += workload.keys) {
      digest = foldOffset(digest, offset);
      count++;
    }
    const recent: string[] = [];
    for (let i = Math.max(0, count - workload.recentPerKey); i < count; i++)
      recent.push(payloadAt(key + i * workload.keys, workload));
    out.push({ key, count, offsetsDigest: digest, recentDigest: digestStrings(recent) });
  }
  return out;
}
