import type { TransformNode } from "../../model/TransformNode";
import type { TestStreamEvent } from "../../testing/TestStreamEvent";
import { MAX_TIMESTAMP } from "../../time/Instant";
import { NO_FIRING } from "../../values/PaneInfo";
import { GlobalWindow } from "../../windowing/GlobalWindow";
import type { Emitter } from "../Executor";
import type { VirtualClock } from "../VirtualClock";
import { SourceExecutor } from "./SourceExecutor";

const GLOBAL = [GlobalWindow.INSTANCE];

/**
 * Replays a TestStream: one event per step. Element events are one bundle each; watermark
 * events set the watermark; processing-time events advance the runner's virtual clock. After
 * the last event the watermark goes to the end of time.
 * @internal
 */
export class TestStreamExecutor extends SourceExecutor {
  private position = 0;

  constructor(
    node: TransformNode,
    outputs: ReadonlyMap<string, Emitter>,
    private readonly events: readonly TestStreamEvent<unknown>[],
    private readonly clock: VirtualClock,
  ) {
    super(node, outputs);
  }

  get done(): boolean {
    return this.outputWatermark === MAX_TIMESTAMP;
  }

  /** The number of events not yet replayed. */
  get remaining(): number {
    return this.events.length - this.position;
  }

  override snapshot(): { position: number; now: number } {
    return { position: this.position, now: this.clock.now() };
  }

  override restore(snapshot: unknown): void {
    const s = snapshot as { position: number; now: number };
    this.position = s.position;
    this.clock.advanceTo(s.now);
  }

  produce(): boolean {
    const event = this.events[this.position];
    if (!event) {
      if (this.done) return false;
      this.outputWatermark = MAX_TIMESTAMP;
      return true;
    }
    this.position++;
    switch (event.kind) {
      case "elements":
        this.emitter().emit(
          event.elements.map((e) => ({
            value: e.value,
            timestamp: e.timestamp,
            windows: GLOBAL,
            pane: NO_FIRING,
          })),
        );
        break;
      case "watermark":
        if (event.to > this.outputWatermark) this.outputWatermark = event.to;
        break;
      case "processingTime":
        this.clock.advance(event.advanceBy);
        break;
    }
    return true;
  }
}
