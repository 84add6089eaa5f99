import type { Instant } from "../../time/Instant";
import type { PaneInfo } from "../../values/PaneInfo";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import type { ChainStep } from "./compileChains";

/**
 * A step fused behind the step before it: it takes its main input one element at a time, as the
 * parts of a WindowedValue, with no bundle and no WindowedValue allocated in between (DESIGN §3:
 * chains of element-wise steps run as one stage).
 * @internal
 */
export interface ElementConsumer {
  /** Processes one element exactly as if it had arrived in a bundle. */
  processElement(value: unknown, timestamp: Instant, windows: readonly BoundedWindow[], pane: PaneInfo): void;
  /**
   * Processes one keyed element given as its key and value, exactly as `processElement` would
   * process `{ key, value }`: a consumer that reads keyed input this way spares the step before
   * it (a `withKeys`) from allocating the KV. Optional.
   */
  processKeyValue?(
    key: unknown,
    value: unknown,
    timestamp: Instant,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void;
  /**
   * The timestamp of the element that the next `processKeyValueAt` call processes, written by
   * the caller just before the call. Optional, with `processKeyValueAt`.
   */
  elementTimestamp?: Instant;
  /**
   * `processKeyValue` of an element whose timestamp the caller wrote into `elementTimestamp`: a
   * number field is written in place, where a number passed to a call that V8 does not inline is
   * boxed into a new heap object, one per element (a compiled chain's keyed end uses this).
   * Optional.
   */
  processKeyValueAt?(key: unknown, value: unknown, windows: readonly BoundedWindow[], pane: PaneInfo): void;
  /** The step before it ended a bundle: emit what the elements since the last flush produced. */
  flush(): void;
  /**
   * What a chain of fused steps needs to write this step into its code (`compileChains`), when
   * the step is one it can write; undefined (or no method) otherwise. Optional.
   */
  chainStep?(): ChainStep | undefined;
}
