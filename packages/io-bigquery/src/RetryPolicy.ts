/**
 * How transient write errors are retried: up to `maxAttempts` tries in all, waiting
 * `initialBackoffMs * multiplier^(n-1)` (capped at `maxBackoffMs`, with ±`jitter` spread)
 * between them. `sleep` is injectable so tests run on virtual time.
 * @example
 * ```ts
 * const retry: RetryPolicy = { maxAttempts: 8, initialBackoffMs: 200, maxBackoffMs: 30_000 };
 * ```
 * @public
 */
export interface RetryPolicy {
  readonly maxAttempts?: number;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly multiplier?: number;
  /** Fraction of random spread around each delay, in [0, 1] (default 0.2). */
  readonly jitter?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A {@link RetryPolicy} with every field set. @internal */
export type ResolvedRetryPolicy = Required<RetryPolicy>;

/**
 * Fills in a {@link RetryPolicy}'s defaults (5 attempts, 100 ms doubling to at most 10 s,
 * 20% jitter, real timers) and checks its ranges.
 * @throws RangeError naming the bad field.
 * @example
 * ```ts
 * resolveRetryPolicy({ maxAttempts: 3 }).initialBackoffMs; // 100
 * ```
 * @public
 */
export function resolveRetryPolicy(policy: RetryPolicy = {}): ResolvedRetryPolicy {
  const resolved: ResolvedRetryPolicy = {
    maxAttempts: policy.maxAttempts ?? 5,
    initialBackoffMs: policy.initialBackoffMs ?? 100,
    maxBackoffMs: policy.maxBackoffMs ?? 10_000,
    multiplier: policy.multiplier ?? 2,
    jitter: policy.jitter ?? 0.2,
    sleep: policy.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
  if (!Number.isInteger(resolved.maxAttempts) || resolved.maxAttempts < 1)
    throw new RangeError("retry.maxAttempts must be an integer >= 1");
  if (!(resolved.initialBackoffMs >= 0) || !(resolved.maxBackoffMs >= resolved.initialBackoffMs)) {
    throw new RangeError("retry backoff must satisfy 0 <= initialBackoffMs <= maxBackoffMs");
  }
  if (!(resolved.multiplier >= 1)) throw new RangeError("retry.multiplier must be >= 1");
  if (!(resolved.jitter >= 0 && resolved.jitter <= 1)) throw new RangeError("retry.jitter must be in [0, 1]");
  return resolved;
}

/**
 * The delay before retry number `attempt` (1 = the first retry).
 * @internal
 */
export function backoffDelay(policy: ResolvedRetryPolicy, attempt: number): number {
  const base = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * policy.multiplier ** (attempt - 1));
  return Math.max(0, Math.round(base * (1 + policy.jitter * (2 * Math.random() - 1))));
}
