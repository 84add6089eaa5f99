import type { Duration } from "@tributary/core";

/**
 * How {@link writePubsub} retries a failed publish: up to `maxAttempts` tries in all, waiting
 * `min(maxBackoff, initialBackoff * multiplier^(n-1))` after the n-th failure, for errors
 * `isRetryable` accepts (default: transient gRPC codes — see {@link isTransientPubsubError}).
 * The Pub/Sub client also retries transient errors itself within each try.
 * @example
 * ```ts
 * writePubsub({ topic: "t", projectId: "p", retry: { maxAttempts: 8, initialBackoff: millis(200) } });
 * ```
 * @public
 */
export interface RetryOptions {
  /** Tries in all, the first included (default 5; 1 means no retry). */
  readonly maxAttempts?: number;
  /** Wait after the first failure (default 100 ms). */
  readonly initialBackoff?: Duration;
  /** Longest wait (default 10 s). */
  readonly maxBackoff?: Duration;
  /** Growth of the wait per failure (default 2). */
  readonly multiplier?: number;
  /** Whether an error is worth another try (default {@link isTransientPubsubError}). */
  readonly isRetryable?: (error: unknown) => boolean;
}

/** gRPC status codes of errors that may succeed when tried again. */
const TRANSIENT_CODES = new Set([
  1, // CANCELLED
  2, // UNKNOWN
  4, // DEADLINE_EXCEEDED
  8, // RESOURCE_EXHAUSTED
  10, // ABORTED
  13, // INTERNAL
  14, // UNAVAILABLE
]);

/**
 * True for errors with a transient gRPC status (CANCELLED, UNKNOWN, DEADLINE_EXCEEDED,
 * RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNAVAILABLE); false for permanent ones such as
 * NOT_FOUND, INVALID_ARGUMENT or PERMISSION_DENIED, and for errors without a code.
 * @example
 * ```ts
 * isTransientPubsubError({ code: 14 }); // true (UNAVAILABLE)
 * ```
 * @public
 */
export function isTransientPubsubError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" && TRANSIENT_CODES.has(code);
}

/** The retry policy with defaults filled in and checked. @internal */
export interface ResolvedRetry {
  readonly maxAttempts: number;
  readonly isRetryable: (error: unknown) => boolean;
  /** The wait after the `failures`-th failure. */
  backoff(failures: number): Duration;
}

/** Fills in defaults. @throws RangeError when an option is out of range. @internal */
export function resolveRetry(options: RetryOptions = {}): ResolvedRetry {
  const maxAttempts = options.maxAttempts ?? 5;
  const initial = options.initialBackoff ?? 100;
  const max = options.maxBackoff ?? 10_000;
  const multiplier = options.multiplier ?? 2;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new RangeError(`retry.maxAttempts must be an integer >= 1, got ${maxAttempts}`);
  if (!(initial >= 0) || !(max >= initial)) {
    throw new RangeError(
      `retry backoffs must satisfy 0 <= initialBackoff <= maxBackoff, got ${initial} and ${max}`,
    );
  }
  if (!(multiplier >= 1)) throw new RangeError(`retry.multiplier must be >= 1, got ${multiplier}`);
  return {
    maxAttempts,
    isRetryable: options.isRetryable ?? isTransientPubsubError,
    backoff: (failures) => Math.min(max, initial * multiplier ** (failures - 1)),
  };
}
