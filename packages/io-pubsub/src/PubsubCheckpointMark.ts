/**
 * How far a Pub/Sub reader has handed messages to the runner: finalizing a mark acknowledges
 * every message handed out before it was taken. Pub/Sub itself keeps the position (unacknowledged
 * messages are redelivered), so a mark is not needed to resume.
 * @example
 * ```ts
 * const mark = reader.checkpointMark(); // { reader: 1, position: 42 }
 * await reader.finalizeCheckpoint(mark); // acks the first 42 messages handed out
 * ```
 * @public
 */
export interface PubsubCheckpointMark {
  /** Which reader took the mark (marks of another reader are ignored). */
  readonly reader: number;
  /** How many messages the reader had handed out when the mark was taken. */
  readonly position: number;
}
