import type { AfterAll } from "./AfterAll";
import type { AfterCount } from "./AfterCount";
import type { AfterEach } from "./AfterEach";
import type { AfterFirst } from "./AfterFirst";
import type { AfterProcessingTime } from "./AfterProcessingTime";
import type { AfterWatermark } from "./AfterWatermark";
import type { Always } from "./Always";
import type { DefaultTrigger } from "./DefaultTrigger";
import type { Never } from "./Never";
import type { OrFinally } from "./OrFinally";
import type { Repeatedly } from "./Repeatedly";

/**
 * A trigger: immutable, printable data that says when a window's pane fires. The runner turns it
 * into a trigger state machine; nothing here executes.
 *
 * A trigger "finishes" after its final firing; a finished trigger closes its window, and later
 * data for that window is dropped. `mayFinish()` says whether that can happen.
 * @public
 */
export type Trigger =
  | DefaultTrigger
  | AfterWatermark
  | AfterProcessingTime
  | AfterCount
  | Repeatedly
  | AfterEach
  | AfterFirst
  | AfterAll
  | OrFinally
  | Never
  | Always;

/**
 * What every trigger description has. `kind` discriminates the {@link Trigger} union.
 * @public
 */
export interface TriggerDescription {
  readonly kind: string;
  /** The sub-triggers, in the order the state machine addresses them. */
  readonly subTriggers: readonly Trigger[];
  /** True when the trigger can finish, closing its window. */
  mayFinish(): boolean;
  /** Prints the trigger as the code that builds it. */
  toString(): string;
}
