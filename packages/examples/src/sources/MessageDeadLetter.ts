/**
 * A message that did not make it into the pipeline or into its table, as the dead-letter table
 * stores it: the raw payload (UTF-8 text, or base64 when it is not valid UTF-8), the
 * attributes, and what went wrong at which stage.
 * @public
 */
export interface MessageDeadLetter {
  /** Processing time the failure was recorded, epoch ms. */
  readonly failedAt: number;
  readonly messageId: string;
  readonly publishTime: number;
  readonly payload: string;
  readonly payloadEncoding: "utf8" | "base64";
  /** The attributes as JSON text. */
  readonly attributes: string;
  /** `timestamp` (bad event-time attribute), `parse` (not JSON / not an object), `validate`, or `write` (the sink rejected the row). */
  readonly stage: "timestamp" | "parse" | "validate" | "write";
  readonly error: string;
}

/** The schema of a dead-letter table. @public */
export const DEAD_LETTER_SCHEMA = {
  fields: [
    { name: "failed_at", type: "TIMESTAMP", mode: "REQUIRED" },
    { name: "message_id", type: "STRING", mode: "REQUIRED" },
    { name: "publish_time", type: "TIMESTAMP", mode: "REQUIRED" },
    { name: "payload", type: "STRING", mode: "REQUIRED" },
    { name: "payload_encoding", type: "STRING", mode: "REQUIRED" },
    { name: "attributes", type: "STRING", mode: "REQUIRED" },
    { name: "stage", type: "STRING", mode: "REQUIRED" },
    { name: "error", type: "STRING", mode: "REQUIRED" },
  ],
} as const;

/** A dead letter as a table row (snake_case columns). @public */
export function deadLetterRow(d: MessageDeadLetter): Record<string, unknown> {
  return {
    failed_at: d.failedAt,
    message_id: d.messageId,
    publish_time: d.publishTime,
    payload: d.payload,
    payload_encoding: d.payloadEncoding,
    attributes: d.attributes,
    stage: d.stage,
    error: d.error,
  };
}
