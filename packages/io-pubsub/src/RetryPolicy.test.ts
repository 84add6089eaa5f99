import { describe, expect, it } from "vitest";
import { isTransientPubsubError, resolveRetry } from "./RetryPolicy";

describe("resolveRetry", () => {
  it("backs off exponentially up to the maximum", () => {
    const r = resolveRetry({ initialBackoff: 100, maxBackoff: 1000, multiplier: 3 });
    expect([1, 2, 3, 4].map((n) => r.backoff(n))).toEqual([100, 300, 900, 1000]);
    expect(r.maxAttempts).toBe(5);
  });

  it("rejects out-of-range options with the invariant", () => {
    expect(() => resolveRetry({ maxAttempts: 0 })).toThrow(
      "retry.maxAttempts must be an integer >= 1, got 0",
    );
    expect(() => resolveRetry({ initialBackoff: 10, maxBackoff: 5 })).toThrow(
      /0 <= initialBackoff <= maxBackoff/,
    );
    expect(() => resolveRetry({ multiplier: 0.5 })).toThrow(/multiplier/);
  });
});

describe("isTransientPubsubError", () => {
  it("retries transient gRPC codes only", () => {
    expect(isTransientPubsubError({ code: 14 })).toBe(true);
    expect(isTransientPubsubError({ code: 4 })).toBe(true);
    expect(isTransientPubsubError({ code: 5 })).toBe(false);
    expect(isTransientPubsubError({ code: 3 })).toBe(false);
    expect(isTransientPubsubError(new Error("no code"))).toBe(false);
    expect(isTransientPubsubError(null)).toBe(false);
  });
});
