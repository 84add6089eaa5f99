import type { PCollection } from "@tributary/core";
import type { NexmarkConfig } from "../nexmark/NexmarkConfig";
import type { NexmarkEvent } from "../nexmark/model";
import type { Sink } from "../harness/Sink";

/** What a query is given besides its input: the generator's configuration and the bundle size. @public */
export interface QueryContext {
  readonly config: NexmarkConfig;
  /** Elements per source batch: the baseline of a processing-time query replays the batches. */
  readonly bundleSize: number;
}

/**
 * One Nexmark query, twice: as a Tributary pipeline and as a hand-written single loop over the
 * same events. Both write the same outputs (as a multiset, or in order when `ordered`).
 * @public
 */
export interface NexmarkQuery<O = unknown> {
  readonly name: string;
  /** One line: what the query computes. */
  readonly description: string;
  /** True when outputs must match in order (stateless queries); otherwise as a multiset. */
  readonly ordered: boolean;
  /** Applies the query to `events` and writes its outputs to `sink` (through a final ParDo). */
  expand(events: PCollection<NexmarkEvent>, sink: Sink<O>, ctx: QueryContext): void;
  /** The single-loop baseline over the same events, writing the same outputs to `sink`. */
  baseline(events: readonly NexmarkEvent[], sink: Sink<O>, ctx: QueryContext): void;
}

/** Ends a pipeline: a ParDo that hands every element to `sink` and outputs nothing. @public */
export function writeTo<T>(pc: PCollection<T>, sink: Sink<T>): void {
  pc.parDo<never>({ name: "Sink", process: (e) => sink.accept(e) });
}
