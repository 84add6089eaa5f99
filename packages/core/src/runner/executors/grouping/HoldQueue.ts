import { MinHeap } from "../../MinHeap";
import type { HoldEntry, WindowState } from "./WindowState";

/**
 * A grouping step's watermark holds, one per state, in a heap whose entries re-arm lazily: a
 * hold that moves later keeps its queued entry, which re-arms itself when it reaches the top; an
 * earlier one queues a new entry. So a hold that moves later with every element (a growing
 * session's end) queues nothing per element.
 * @internal
 */
export class HoldQueue {
  private readonly heap = new MinHeap<HoldEntry>();

  /** Sets the state's hold (NaN: none). */
  set(ws: WindowState, hold: number): void {
    ws.hold = hold;
    if (Number.isNaN(hold)) return;
    const queued = ws.holdEntry;
    if (queued !== undefined && queued.hold <= hold) return;
    const entry: HoldEntry = { hold, ws };
    this.heap.push(entry, hold);
    ws.holdEntry = entry;
  }

  /** The earliest hold of a live state, or Infinity; drops stale entries and re-arms moved ones. */
  min(): number {
    for (let top = this.heap.peek(); top; top = this.heap.peek()) {
      const ws = top.ws;
      if (ws.live && ws.holdEntry === top && ws.hold === top.hold) return top.hold;
      this.heap.pop();
      if (ws.holdEntry !== top) continue;
      ws.holdEntry = undefined;
      if (ws.live) this.set(ws, ws.hold); // the hold moved later (or was released): re-arm
    }
    return Infinity;
  }
}
