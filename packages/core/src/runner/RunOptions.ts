import type { PCollection } from "../model/PCollection";
import type { Clock } from "./Clock";
import type { StateBackend } from "./state/StateBackend";

/**
 * Options of an in-process run.
 * @public
 */
export interface RunOptions {
  /** Elements per bundle read from bounded sources (default 1000). */
  readonly bundleSize?: number;
  /** Processing time; default the system clock, or a virtual clock when the pipeline has a TestStream. */
  readonly clock?: Clock;
  /** PCollections whose elements the result keeps, besides the leaves (see `collectLeaves`). */
  readonly collect?: readonly PCollection<unknown>[];
  /**
   * Keep every PCollection that no step reads (default true), so results can be inspected. Turn
   * it off for long runs whose outputs go to sinks: kept elements stay in memory until the end.
   */
  readonly collectLeaves?: boolean;
  /** Stops an unbounded run. */
  readonly signal?: AbortSignal;
  /** Makes the state backend of each stateful step (default: in memory). */
  readonly stateBackend?: () => StateBackend;
  /** How long to wait before polling idle unbounded sources again, in ms (default 5). */
  readonly idlePollMillis?: number;
}
