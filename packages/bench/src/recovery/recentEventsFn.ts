import { valueState, type DoFn, type KV } from "@tributary/core";
import { digestStrings, foldOffset } from "./keyDigest";
import { payloadAt, type RecoveryWorkload, type WorkloadEvent } from "./RecoveryWorkload";

/** What a key's state holds when the stream ends: the pipeline's output, one per key. @public */
export interface KeySummary {
  readonly key: number;
  /** Events of this key. */
  readonly count: number;
  /** {@link foldOffset} over the key's offsets, in order. */
  readonly offsetsDigest: number;
  /** {@link digestStrings} of the key's last `recentPerKey` payloads, oldest first. */
  readonly recentDigest: number;
}

/**
 * Every element checks the state it finds against what an uninterrupted run would hold at that
 * offset; a restored checkpoint that lost, replayed or altered anything shows up here.
 * @public
 */
export interface StateChecks {
  /** Elements whose state was checked. */
  verified: number;
  /** Elements whose state differed from the expected one. */
  mismatches: number;
  /** The first mismatch, described. */
  firstMismatch: string | undefined;
}

/** Fresh, empty {@link StateChecks}. @public */
export function newStateChecks(): StateChecks {
  return { verified: 0, mismatches: 0, firstMismatch: undefined };
}

const count = valueState<number>("count");
const offsetsDigest = valueState<number>("offsetsDigest");
const recent = valueState<string[]>("recent");

/**
 * The stateful DoFn whose state the recovery measurement grows and restores: per key, a count, an
 * order-sensitive digest of the offsets seen, and the last `recentPerKey` payloads (the bulk of
 * the state). Outputs each key's {@link KeySummary} when the global window expires (the stream
 * ended). Since key = offset mod keys, the state before offset `o` is known exactly: count
 * `floor(o / keys)`, and the newest payload that of offset `o - keys`; each element checks that.
 * @public
 */
export function recentEventsFn(
  workload: RecoveryWorkload,
  checks: StateChecks,
): DoFn<KV<number, WorkloadEvent>, KeySummary> {
  return {
    name: "RecentEventsPerKey",
    state: { count, offsetsDigest, recent },
    process({ key, value: event }, ctx) {
      const countCell = ctx.state.access(count);
      const digestCell = ctx.state.access(offsetsDigest);
      const recentCell = ctx.state.access(recent);
      const seen = countCell.read() ?? 0;
      const payloads = recentCell.read() ?? [];
      const expected = Math.floor(event.offset / workload.keys);
      checks.verified++;
      if (
        seen !== expected ||
        payloads.length !== Math.min(expected, workload.recentPerKey) ||
        (expected > 0 && payloads[payloads.length - 1] !== payloadAt(event.offset - workload.keys, workload))
      ) {
        checks.mismatches++;
        checks.firstMismatch ??= `key ${key} at offset ${event.offset}: count ${seen}, expected ${expected}`;
      }
      countCell.write(seen + 1);
      digestCell.write(foldOffset(digestCell.read() ?? 0, event.offset));
      if (payloads.length >= workload.recentPerKey) payloads.shift();
      payloads.push(event.payload);
      recentCell.write(payloads);
    },
    onWindowExpiration(ctx) {
      ctx.output({
        key: ctx.key as number,
        count: ctx.state.access(count).read() ?? 0,
        offsetsDigest: ctx.state.access(offsetsDigest).read() ?? 0,
        recentDigest: digestStrings(ctx.state.access(recent).read() ?? []),
      });
    },
  };
}
