import { WriteError } from "./WriteError";

/** The verdict of {@link classifyError}. @public */
export interface ErrorClass {
  readonly transient: boolean;
  /** One line for failedRows and logs. */
  readonly message: string;
}

/** gRPC codes worth retrying: CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNAVAILABLE. */
const TRANSIENT_GRPC = new Set([1, 4, 8, 10, 13, 14]);
const TRANSIENT_HTTP = new Set([408, 429, 500, 502, 503, 504]);
const TRANSIENT_REASONS = new Set([
  "backendError",
  "internalError",
  "rateLimitExceeded",
  "timeout",
  "stopped",
]);
const TRANSIENT_NET = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
  "ECONNABORTED",
]);

function messageOf(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.split("\n")[0]!.slice(0, 500);
  return String(err).slice(0, 500);
}

/**
 * Decides whether an error from a BigQuery call is transient (UNAVAILABLE and other retryable
 * gRPC codes, HTTP 408/429/5xx, `rateLimitExceeded`/`backendError` reasons, dropped
 * connections) or permanent (bad request, not found, permission denied, schema mismatch).
 * @example
 * ```ts
 * classifyError(Object.assign(new Error("unavailable"), { code: 14 })).transient; // true
 * classifyError(Object.assign(new Error("not found"), { code: 404 })).transient;  // false
 * ```
 * @public
 */
export function classifyError(err: unknown): ErrorClass {
  const message = messageOf(err);
  if (err instanceof WriteError) return { transient: err.transient, message };
  const e = err as { code?: unknown; errors?: unknown; response?: { status?: unknown } } | null;
  const code = e?.code;
  if (typeof code === "string" && TRANSIENT_NET.has(code)) return { transient: true, message };
  const numeric =
    typeof code === "number" ? code : typeof e?.response?.status === "number" ? e.response.status : undefined;
  if (numeric !== undefined) {
    if (numeric < 100) return { transient: TRANSIENT_GRPC.has(numeric), message };
    if (TRANSIENT_HTTP.has(numeric)) return { transient: true, message };
    if (numeric === 403 && Array.isArray(e?.errors)) {
      const reasons = (e.errors as { reason?: unknown }[]).map((x) => x.reason);
      return { transient: reasons.some((r) => typeof r === "string" && TRANSIENT_REASONS.has(r)), message };
    }
    return { transient: false, message };
  }
  return { transient: false, message };
}
