/**
 * How the output timestamp of a pane is chosen from its inputs' timestamps, and where the
 * watermark hold of a pending pane sits:
 * - `END_OF_WINDOW`: the window's max timestamp (the default);
 * - `EARLIEST` / `LATEST`: the earliest / latest input timestamp that could still hold the watermark;
 * - `EARLIEST_TRANSFORMED`: the earliest after the WindowFn's `transformOutputTime` (Beam Python's
 *   OUTPUT_AT_EARLIEST_TRANSFORMED; Beam Java has no equivalent).
 * @public
 */
export type TimestampCombiner = "END_OF_WINDOW" | "EARLIEST" | "LATEST" | "EARLIEST_TRANSFORMED";

/**
 * Whether a pane's contents are kept after it fires (ACCUMULATING: every pane holds everything
 * so far) or dropped (DISCARDING: every pane holds only what arrived since the last one).
 * @public
 */
export type AccumulationMode = "DISCARDING" | "ACCUMULATING";

/**
 * Whether the on-time pane (or the final pane at window closing) fires when it has no new data.
 * @public
 */
export type FiringBehavior = "FIRE_ALWAYS" | "FIRE_IF_NON_EMPTY";
