import { MAX_TIMESTAMP, type Instant } from "../../../time/Instant";
import { MinHeap } from "../../MinHeap";
import { TIMER_RANK, type MergingState, type WindowState, type WindowTable } from "./WindowState";

/**
 * A grouping step's event-time timers: each state's end-of-window timer (while it is ahead of
 * the watermark) and garbage-collection timer, fired in time order and, of one instant,
 * end-of-window first.
 *
 * States of merging windows queue their own entries, which re-arm lazily: a timer that moved later
 * (the session grew) keeps its queued entry, which re-queues itself at the new time when it comes
 * due, so a session that grows with every element does not fill the heap with stale entries. Such
 * a state queues its garbage-collection timer only once its end-of-window timer has fired (or
 * when it has none due): a growing session then has one entry to re-arm, not two.
 * Windows that never merge queue one pair per window table for all its states (a fixed window of
 * 10,000 keys queues two entries, not 20,000): their window never changes, so neither do its
 * timers.
 * @internal
 */
export class EventTimers {
  /**
   * The end-of-window and the garbage-collection timers of merging windows' states, apart: each
   * kind is mostly set in the order it comes due (a new session's end; a session's end plus the
   * allowed lateness, queued as its end-of-window timer fires), so each mostly joins its queue's
   * in-order run (`MinHeap`), where one queue would interleave the two.
   */
  private readonly stateEnds = new MinHeap<MergingState>();
  private readonly stateGcs = new MinHeap<MergingState>();
  /** The timers of windows that never merge, per window table. */
  private readonly tables = new MinHeap<WindowTable>();

  /**
   * {@link schedule} for the state's current window: end of window at its max timestamp, garbage
   * collection `allowedLateness` after that.
   */
  scheduleWindow(ws: WindowState, allowedLateness: number, inputWatermark: Instant): void {
    const eow = ws.window.maxTimestamp();
    this.schedule(ws, eow, Math.min(eow + allowedLateness, MAX_TIMESTAMP), inputWatermark);
  }

  /**
   * Sets the state's timers for its current window: end of window at `eow` unless the watermark
   * is past it or it equals `gc`, garbage collection at `gc`.
   */
  schedule(ws: WindowState, eow: Instant, gc: Instant, inputWatermark: Instant): void {
    const eowDue = gc !== eow && eow >= inputWatermark;
    const table = ws.table;
    if (table === undefined) {
      ws.eowAt = eowDue ? eow : NaN;
      ws.gcAt = gc;
      // With an end-of-window timer due, its firing queues the garbage-collection timer.
      this.queue(ws, !eowDue);
      return;
    }
    // A state created after its window's end has passed has no end-of-window timer (`eowDue`
    // false), and the table's skips it when it fires.
    ws.eowDue = eowDue;
    if (table.timersQueued) return;
    table.timersQueued = true;
    if (eowDue) this.tables.push(table, eow, TIMER_RANK.endOfWindow);
    this.tables.push(table, gc, TIMER_RANK.gc);
  }

  /**
   * Moves a merging window's state's timers later, to `eow` and `gc` (its window grew), where
   * that queues nothing: its end-of-window timer stays due and an entry is queued at or before
   * `eow` (it re-arms when it comes due). What {@link schedule} does then, without its general
   * checks; false, changing nothing, in every other case (`schedule` is needed).
   */
  moveLater(ws: MergingState, eow: Instant, gc: Instant, inputWatermark: Instant): boolean {
    if (!(ws.eowQueued <= eow && eow >= inputWatermark && gc !== eow)) return false;
    ws.eowAt = eow;
    ws.gcAt = gc;
    return true;
  }

  /**
   * Fires every timer before `inputWatermark` in time order (of one instant, end-of-window
   * first): `fire(ws, gc)` for each state whose timer is due. `fire` may schedule and collect states.
   */
  fireBefore(inputWatermark: Instant, fire: (ws: WindowState, gc: boolean) => void): void {
    const ends = this.stateEnds;
    const gcs = this.stateGcs;
    const tables = this.tables;
    for (;;) {
      const tableAt = tables.peekPriority();
      const endAt = ends.peekPriority();
      const t = Math.min(tableAt, endAt, gcs.peekPriority());
      if (!(t < inputWatermark)) return;
      // Of one instant: end-of-window timers first, then garbage collection; of each, a table's first.
      const tableGc = tableAt === t && tables.peekTieBreak() === TIMER_RANK.gc;
      if (tableAt === t && !tableGc) this.fireTable(tables.pop()!, t, false, fire);
      else if (endAt === t) this.fireState(ends.pop()!, t, false, fire);
      else if (tableGc) this.fireTable(tables.pop()!, t, true, fire);
      else this.fireState(gcs.pop()!, t, true, fire);
    }
  }

  private queue(ws: MergingState, gc: boolean): void {
    const t = gc ? ws.gcAt : ws.eowAt;
    if (Number.isNaN(t)) return;
    const queued = gc ? ws.gcQueued : ws.eowQueued;
    if (queued <= t) return; // an earlier entry is queued: it re-arms at `t` when due
    if (gc) {
      this.stateGcs.push(ws, t);
      ws.gcQueued = t;
    } else {
      this.stateEnds.push(ws, t);
      ws.eowQueued = t;
    }
  }

  /** The end-of-window or garbage-collection timer at `t` of every state of a window that never merges. */
  private fireTable(
    table: WindowTable,
    t: Instant,
    gc: boolean,
    fire: (ws: WindowState, gc: boolean) => void,
  ): void {
    // Collecting removes states from the table, so take them first.
    // Every state of the table has the table's garbage-collection time `t`; the end-of-window
    // timer fires for those it is due for, once.
    for (const ws of [...table.states.values()]) {
      if (!ws.live || (!gc && !ws.eowDue)) continue;
      if (!gc) ws.eowDue = false;
      fire(ws, gc);
    }
  }

  /** A merging window's state's timer at `t`, unless it is stale or moved (then re-armed). */
  private fireState(
    ws: MergingState,
    t: Instant,
    gc: boolean,
    fire: (ws: WindowState, gc: boolean) => void,
  ): void {
    if (!ws.live) return;
    if (gc ? ws.gcQueued === t : ws.eowQueued === t) {
      if (gc) ws.gcQueued = NaN;
      else ws.eowQueued = NaN;
    }
    const due = gc ? ws.gcAt : ws.eowAt;
    if (Number.isNaN(due) || due < t) return;
    if (due > t) {
      this.queue(ws, gc); // the window grew: re-arm at its new end
      return;
    }
    if (gc) {
      fire(ws, true);
      return;
    }
    ws.eowAt = NaN;
    fire(ws, false);
    // Queued only now (see the class comment). Due at `t` or later; at `t` its rank still puts it
    // after every end-of-window timer of `t`.
    if (ws.live) this.queue(ws, true);
  }
}
