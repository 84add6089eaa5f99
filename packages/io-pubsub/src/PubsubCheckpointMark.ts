import type { DedupSnapshot } from "./DedupCache";

/**
 * How far a Pub/Sub reader has handed messages to the runner, and what a restart needs for
 * exactly-once; plain data, stored in the runner's checkpoint.
 *
 * Finalizing a mark (after the checkpoint holding it is durable) acknowledges every message
 * handed out before it was taken. Pub/Sub keeps the position itself (unacknowledged messages
 * are redelivered), so resuming needs no offset; what it needs is which messages the
 * checkpoint's state already covers: `dedup` (every id handed out within the dedup TTL — a
 * redelivery of one of them is dropped and acknowledged) and `ackIds` (messages handed out but
 * not yet acknowledged when the mark was taken, acknowledged as soon as a reader opens with the
 * mark, so that a crash between checkpoint and acknowledgement costs no redelivery).
 * @example
 * ```ts
 * const mark = reader.checkpointMark(); // { reader: "…", position: 42, ackIds: [...], dedup: [[1767225600000, '["17","18"]']] }
 * await reader.finalizeCheckpoint(mark); // acks the first 42 messages handed out
 * const resumed = await source.open(mark); // after a restart: drops redeliveries of ids in mark.dedup
 * ```
 * @public
 */
export interface PubsubCheckpointMark {
  /** Which reader took the mark (marks of another reader are not finalized by it). */
  readonly reader: string;
  /** How many messages the reader had handed out when the mark was taken. */
  readonly position: number;
  /** Ack ids of the messages handed out (or dropped as duplicates) and not yet acknowledged. */
  readonly ackIds: readonly string[];
  /** The ids (message ids, or `idAttribute` values) handed out within the dedup TTL, with their expiries. */
  readonly dedup: DedupSnapshot;
}
