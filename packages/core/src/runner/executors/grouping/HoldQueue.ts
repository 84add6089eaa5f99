import { MinHeap } from "../../MinHeap";
import type { MergingState, WindowState, WindowTable } from "./WindowState";

/**
 * A grouping step's watermark holds in a heap whose entries re-arm lazily: a hold that moves
 * later keeps its queued entry, which re-arms itself when it reaches the top; an earlier one
 * queues a new entry. So a hold that moves later with every element queues nothing per element.
 * An entry is the state itself at the hold's time; it stands for the hold while the state's
 * `holdQueued` says that time, and is stale (dropped when it reaches the top) once it does not.
 *
 * One entry per state, except where every state of a window holds at the same instant: windows
 * that never merge, under the END_OF_WINDOW timestamp combiner, hold at the window's max
 * timestamp or not at all. There the window's table counts its states that hold and queues one
 * entry for all of them (a fixed window of 10,000 keys queues one entry, not 10,000).
 *
 * And no entry for the hold of a merging window's state while one of its event timers is due at
 * or before it (an END_OF_WINDOW hold and the end-of-window timer, as a session has): the
 * watermark cannot pass that timer without firing it, so until then the hold is at or after the
 * input watermark and cannot lower the output watermark. The grouping step sets such a hold only
 * after the state's timers, and calls {@link recheck} when a timer fires; a hold the pane does not
 * release is queued then.
 * @internal
 */
export class HoldQueue {
  /** The states with a hold, or (`tableHolds`) the window tables with holding states. */
  private readonly heap = new MinHeap<WindowState | WindowTable>();

  /**
   * `tableHolds`: states of windows that never merge share their table's entry (see above); the
   * step then has no merging windows, so every entry is a table's.
   */
  constructor(private readonly tableHolds: boolean) {}

  /** Sets the state's hold (NaN: none). */
  set(ws: WindowState, hold: number): void {
    const table = ws.table;
    if (this.tableHolds && table !== undefined) {
      this.setInTable(ws, table, hold);
      return;
    }
    ws.hold = hold;
    if (Number.isNaN(hold) || ws.holdQueued <= hold) return;
    if (table === undefined && timerBy(ws, hold)) return; // see the class comment
    this.heap.push(ws, hold);
    ws.holdQueued = hold;
  }

  /** Releases the state's hold. */
  release(ws: WindowState): void {
    this.set(ws, NaN);
  }

  /** A timer of the state fired: its hold, if it keeps one, is queued unless a later timer stands in for it. */
  recheck(ws: WindowState): void {
    if (!Number.isNaN(ws.hold)) this.set(ws, ws.hold);
  }

  private setInTable(ws: WindowState, table: WindowTable, hold: number): void {
    const held = !Number.isNaN(ws.hold);
    ws.hold = hold;
    if (Number.isNaN(hold)) {
      if (held) table.holding--;
      return;
    }
    if (!held) table.holding++;
    // Every hold of the table is at the same instant, so one entry serves them all; an earlier
    // one (which that rule rules out) would still be queued, never lost.
    if (table.holdQueued <= hold) return;
    this.heap.push(table, hold);
    table.holdQueued = hold;
  }

  /** The earliest hold of a live state, or Infinity; drops stale entries and re-arms moved ones. */
  min(): number {
    const heap = this.heap;
    while (heap.size > 0) {
      const at = heap.peekPriority();
      if (this.tableHolds) {
        const table = heap.peek() as WindowTable;
        if (table.holdQueued === at && table.holding > 0) return at;
        heap.pop();
        if (table.holdQueued === at) table.holdQueued = NaN; // no state holds: queued again by the next
        continue;
      }
      const ws = heap.peek() as WindowState;
      if (ws.live && ws.holdQueued === at && ws.hold === at) return at;
      heap.pop();
      if (ws.holdQueued !== at) continue;
      ws.holdQueued = NaN;
      if (ws.live) this.set(ws, ws.hold); // the hold moved later (or was released): re-arm
    }
    return Infinity;
  }
}

/** True when a merging window's state has an event timer due at or before `hold` (NaN: none). */
function timerBy(ws: MergingState, hold: number): boolean {
  const eowAt = ws.eowAt;
  return (Number.isNaN(eowAt) ? ws.gcAt : eowAt) <= hold;
}
