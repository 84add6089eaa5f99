/**
 * A deliberately naive reference for the model-based test: fixed windows with
 * `afterWatermark().withEarlyFirings(afterProcessingTime(delay)).withLateFirings(afterCount(1))`,
 * allowed lateness, and either accumulation mode — written directly from Beam's documented
 * semantics, with plain arrays and no shared code with the runner.
 */
export interface ModelPane {
  readonly key: string;
  readonly window: string;
  readonly values: number[];
  readonly timestamp: number;
  readonly timing: "EARLY" | "ON_TIME" | "LATE";
  readonly index: number;
  readonly nonSpeculativeIndex: number;
  readonly isLast: boolean;
}

interface WindowState {
  readonly key: string;
  readonly start: number;
  readonly maxTs: number;
  all: number[];
  sinceLastPane: number[];
  /** Processing time of the pending early firing, if any. */
  deadline: number | undefined;
  onTimeDone: boolean;
  panes: ModelPane[];
}

export class NaiveWindowingModel {
  watermark = -Infinity;
  now = 0;
  private readonly windows = new Map<string, WindowState>();

  constructor(
    readonly size: number,
    readonly lateness: number,
    readonly delay: number,
    readonly accumulating: boolean,
  ) {}

  addElements(elements: ReadonlyArray<{ key: string; t: number }>): ModelPane[] {
    const touched: WindowState[] = [];
    for (const { key, t } of elements) {
      const start = Math.floor(t / this.size) * this.size;
      const maxTs = start + this.size - 1;
      if (maxTs + this.lateness < this.watermark) continue; // dropped: too late
      const id = `${key}@${start}`;
      let w = this.windows.get(id);
      if (!w) {
        w = {
          key,
          start,
          maxTs,
          all: [],
          sinceLastPane: [],
          deadline: undefined,
          onTimeDone: false,
          panes: [],
        };
        this.windows.set(id, w);
      }
      w.all.push(t);
      w.sinceLastPane.push(t);
      if (!w.onTimeDone && w.deadline === undefined) w.deadline = this.now + this.delay;
      if (!touched.includes(w)) touched.push(w);
    }
    const out: ModelPane[] = [];
    for (const w of touched) {
      if (w.onTimeDone)
        this.fire(w, false, out); // late firing: afterCount(1)
      else if (this.watermark > w.maxTs) this.onTime(w, out); // a new window that is already past its end
    }
    return out;
  }

  advanceProcessingTime(d: number): ModelPane[] {
    this.now += d;
    const out: ModelPane[] = [];
    for (const w of this.windows.values()) {
      if (!w.onTimeDone && w.deadline !== undefined && w.deadline <= this.now) {
        w.deadline = undefined;
        this.fire(w, false, out);
      }
    }
    return out;
  }

  advanceWatermark(to: number): ModelPane[] {
    this.watermark = Math.max(this.watermark, to);
    const due: Array<{ t: number; gc: boolean; w: WindowState }> = [];
    for (const w of this.windows.values()) {
      const gc = w.maxTs + this.lateness;
      if (!w.onTimeDone && gc !== w.maxTs && w.maxTs < this.watermark) due.push({ t: w.maxTs, gc: false, w });
      if (gc < this.watermark) due.push({ t: gc, gc: true, w });
    }
    due.sort((a, b) => a.t - b.t || Number(a.gc) - Number(b.gc));
    const out: ModelPane[] = [];
    for (const { gc, w } of due) {
      if (gc) {
        this.fire(w, true, out);
        this.windows.delete(`${w.key}@${w.start}`);
      } else {
        this.onTime(w, out);
      }
    }
    return out;
  }

  private onTime(w: WindowState, out: ModelPane[]): void {
    w.deadline = undefined;
    this.fire(w, false, out);
    w.onTimeDone = true;
  }

  private fire(w: WindowState, isLast: boolean, out: ModelPane[]): void {
    const prev = w.panes[w.panes.length - 1];
    const timing =
      this.watermark <= w.maxTs ? "EARLY" : !prev || prev.timing === "EARLY" ? "ON_TIME" : "LATE";
    const emit = w.sinceLastPane.length > 0 || timing === "ON_TIME";
    if (emit) {
      const pane: ModelPane = {
        key: w.key,
        window: `[${w.start}, ${w.start + this.size})`,
        values: [...(this.accumulating ? w.all : w.sinceLastPane)].sort((a, b) => a - b),
        timestamp: w.maxTs,
        timing,
        index: w.panes.length,
        nonSpeculativeIndex: timing === "EARLY" ? -1 : w.panes.filter((p) => p.timing !== "EARLY").length,
        isLast,
      };
      w.panes.push(pane);
      out.push(pane);
    }
    w.sinceLastPane = [];
  }
}
