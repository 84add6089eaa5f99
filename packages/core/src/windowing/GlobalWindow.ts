import { END_OF_GLOBAL_WINDOW, type Instant } from "../time/Instant";
import type { BoundedWindow } from "./BoundedWindow";

/**
 * The single window that spans all of event time: the default window of every PCollection.
 * Its max timestamp is {@link END_OF_GLOBAL_WINDOW}.
 * @public
 */
export class GlobalWindow implements BoundedWindow {
  /** The one instance. */
  static readonly INSTANCE = new GlobalWindow();
  readonly id = "global";

  private constructor() {}

  maxTimestamp(): Instant {
    return END_OF_GLOBAL_WINDOW;
  }

  toString(): string {
    return "GlobalWindow";
  }
}
