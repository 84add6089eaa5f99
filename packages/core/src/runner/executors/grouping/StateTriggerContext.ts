import type { Instant } from "../../../time/Instant";
import type { BoundedWindow } from "../../../windowing/BoundedWindow";
import { GlobalWindow } from "../../../windowing/GlobalWindow";
import type { TriggerContext } from "../../triggers/TriggerStateMachine";
import type { WindowState } from "./WindowState";

/** What a grouping step's trigger context reads of the step. @internal */
export interface TriggerContextHost {
  readonly inputWatermark: Instant;
  /** The processing time of the current bundle or timer firing. */
  readonly currentProcessingTime: Instant;
  /** Sets a processing-time timer of `ws` at `t`. */
  setProcessingTimer(ws: WindowState, t: Instant): void;
}

/**
 * The trigger context of a grouping step, reused for every state: pointing it at a state is one
 * store (`ws`), and the window and clocks are read, from the state and the step, only when a
 * trigger asks. A context that copied them in would store a pointer per call, and a pointer to a
 * young object (a new session's state or window) stored into this long-lived one costs a call to
 * V8's write barrier.
 * @internal
 */
export class StateTriggerContext implements TriggerContext {
  /** The state the context is for. */
  ws: WindowState | undefined = undefined;

  constructor(private readonly host: TriggerContextHost) {}

  get window(): BoundedWindow {
    return this.ws?.window ?? GlobalWindow.INSTANCE;
  }

  get inputWatermark(): Instant {
    return this.host.inputWatermark;
  }

  get processingTime(): Instant {
    return this.host.currentProcessingTime;
  }

  setProcessingTimer(t: Instant): void {
    if (this.ws !== undefined) this.host.setProcessingTimer(this.ws, t);
  }
}
