import { classifyError } from "./classifyError";
import { backoffDelay, type ResolvedRetryPolicy } from "./RetryPolicy";
import type { TableDestination } from "./TableDestination";
import type { PendingRow, TableWriter } from "./TableWriter";

/** The result of {@link writeWithRetries}: which rows (by batch index) failed for good, and counts. @internal */
export interface BatchOutcome {
  readonly failed: ReadonlyArray<{
    readonly index: number;
    readonly reason: string;
    readonly attempts: number;
  }>;
  readonly written: number;
  readonly alreadyPresent: number;
  readonly retries: number;
}

/**
 * Writes one batch with `writer`, retrying transient failures (whole-batch errors and per-row
 * `retry` answers, resending only those rows with their insertIds) with backoff, and giving up
 * after `policy.maxAttempts`: permanent and exhausted rows are reported, never retried forever.
 * @internal
 */
export async function writeWithRetries(
  writer: TableWriter,
  dest: TableDestination,
  rows: readonly PendingRow[],
  policy: ResolvedRetryPolicy,
): Promise<BatchOutcome> {
  const failed: { index: number; reason: string; attempts: number }[] = [];
  let pending: number[] = rows.map((_, i) => i);
  let alreadyPresent = 0;
  let retries = 0;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const batch = pending.map((i) => rows[i]!);
    let retry: { index: number; reason: string }[];
    try {
      const result = await writer.writeRows(dest, batch);
      alreadyPresent += result.alreadyPresent;
      for (const f of result.failed)
        failed.push({ index: pending[f.index]!, reason: f.reason, attempts: attempt });
      retry = result.retry.map((r) => ({ index: pending[r.index]!, reason: r.reason }));
    } catch (err) {
      const verdict = classifyError(err);
      if (!verdict.transient) {
        for (const index of pending) failed.push({ index, reason: verdict.message, attempts: attempt });
        break;
      }
      retry = pending.map((index) => ({ index, reason: verdict.message }));
    }
    if (retry.length === 0) break;
    if (attempt >= policy.maxAttempts) {
      for (const r of retry)
        failed.push({
          index: r.index,
          reason: `transient error persisted after ${attempt} attempts: ${r.reason}`,
          attempts: attempt,
        });
      break;
    }
    retries++;
    await policy.sleep(backoffDelay(policy, attempt));
    pending = retry.map((r) => r.index);
  }
  return { failed, written: rows.length - failed.length, alreadyPresent, retries };
}
