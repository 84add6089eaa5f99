import type { Instant } from "../time/Instant";
import type { BoundedWindow } from "../windowing/BoundedWindow";
import type { PaneInfo } from "./PaneInfo";

/**
 * An element as it flows between steps: its value, event timestamp, the windows it belongs to,
 * and the pane that produced it.
 * @public
 */
export interface WindowedValue<T> {
  readonly value: T;
  readonly timestamp: Instant;
  readonly windows: readonly BoundedWindow[];
  readonly pane: PaneInfo;
}
