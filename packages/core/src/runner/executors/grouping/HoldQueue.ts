import { MinHeap } from "../../MinHeap";
import type { HoldEntry, WindowState, WindowTable } from "./WindowState";

/**
 * A grouping step's watermark holds in a heap whose entries re-arm lazily: a hold that moves
 * later keeps its queued entry, which re-arms itself when it reaches the top; an earlier one
 * queues a new entry. So a hold that moves later with every element (a growing session's end)
 * queues nothing per element.
 *
 * One entry per state, except where every state of a window holds at the same instant: windows
 * that never merge, under the END_OF_WINDOW timestamp combiner, hold at the window's max
 * timestamp or not at all. There the window's table counts its states that hold and queues one
 * entry for all of them (a fixed window of 10,000 keys queues one entry, not 10,000).
 * @internal
 */
export class HoldQueue {
  private readonly heap = new MinHeap<HoldEntry>();

  /** `tableHolds`: states of windows that never merge share their table's entry (see above). */
  constructor(private readonly tableHolds: boolean) {}

  /** Sets the state's hold (NaN: none). */
  set(ws: WindowState, hold: number): void {
    const table = ws.table;
    if (this.tableHolds && table !== undefined) {
      this.setInTable(ws, table, hold);
      return;
    }
    ws.hold = hold;
    if (Number.isNaN(hold)) return;
    const queued = ws.holdEntry;
    if (queued !== undefined && queued.hold <= hold) return;
    ws.holdEntry = this.queue(hold, ws, undefined);
  }

  /** Releases the state's hold. */
  release(ws: WindowState): void {
    this.set(ws, NaN);
  }

  private setInTable(ws: WindowState, table: WindowTable, hold: number): void {
    const held = !Number.isNaN(ws.hold);
    ws.hold = hold;
    if (Number.isNaN(hold)) {
      if (held) table.holding--;
      return;
    }
    if (!held) table.holding++;
    const queued = table.holdEntry;
    // Every hold of the table is at the same instant, so one entry serves them all; an earlier
    // one (which that rule rules out) would still be queued, never lost.
    if (queued !== undefined && queued.hold <= hold) return;
    table.holdEntry = this.queue(hold, undefined, table);
  }

  private queue(hold: number, ws: WindowState | undefined, table: WindowTable | undefined): HoldEntry {
    const entry: HoldEntry = { hold, ws, table };
    this.heap.push(entry, hold);
    return entry;
  }

  /** The earliest hold of a live state, or Infinity; drops stale entries and re-arms moved ones. */
  min(): number {
    for (let top = this.heap.peek(); top; top = this.heap.peek()) {
      const ws = top.ws;
      if (ws === undefined) {
        const table = top.table!;
        if (table.holdEntry === top && table.holding > 0) return top.hold;
        this.heap.pop();
        if (table.holdEntry === top) table.holdEntry = undefined; // no state holds: queued again by the next
        continue;
      }
      if (ws.live && ws.holdEntry === top && ws.hold === top.hold) return top.hold;
      this.heap.pop();
      if (ws.holdEntry !== top) continue;
      ws.holdEntry = undefined;
      if (ws.live) this.set(ws, ws.hold); // the hold moved later (or was released): re-arm
    }
    return Infinity;
  }
}
