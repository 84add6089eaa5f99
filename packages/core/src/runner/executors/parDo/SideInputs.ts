import { decodeFromBytes } from "../../../coders/decodeFromBytes";
import { encodeToBytes } from "../../../coders/encodeToBytes";
import { MIN_TIMESTAMP, type Instant } from "../../../time/Instant";
import type { PCollectionView } from "../../../transforms/PCollectionView";
import type { BoundedWindow } from "../../../windowing/BoundedWindow";
import type { Bundle } from "../../Executor";

/**
 * The plain-data form of a ParDo's side-input data, as checkpoints keep it: these two fields are
 * part of the ParDo's snapshot.
 * @internal
 */
export interface SideInputsSnapshot {
  /** Each side input's watermark, in declaration order. */
  readonly sideWatermarks: readonly number[];
  /**
   * Each side input's values by side window, in declaration order. `window` is the encoded side
   * window, or null for an entry created by a lookup before any of its data arrived.
   */
  readonly sideData: ReadonlyArray<
    ReadonlyArray<{ id: string; window: Uint8Array | null; values: unknown[]; triggered: boolean }>
  >;
}

/** The values one side input received for one side window. */
interface SideWindowData {
  readonly values: unknown[];
  /** A triggered pane arrived for this window: it is readable before the watermark passes it. */
  triggered: boolean;
  /**
   * The view's value made of `values` (each side input's data is its one view's), until more
   * data arrives for this window; `isMaterialized` says whether it is made.
   */
  materialized: unknown;
  isMaterialized: boolean;
}

/** The data of a side window no value has arrived for yet. */
function emptyData(): SideWindowData {
  return { values: [], triggered: false, materialized: undefined, isMaterialized: false };
}

/**
 * The side inputs of a ParDo: each view's data by side window, the side watermarks, whether a
 * main-input window's side inputs are ready, and a view's value for a main window. Side data is
 * kept for the whole run (never garbage-collected).
 * @internal
 */
export class SideInputs {
  /** Per side input: its data by side window id. */
  private readonly data: Array<Map<string, SideWindowData>>;
  /** Per side input: the side windows by id (kept for checkpoints). */
  private readonly windows: Array<Map<string, BoundedWindow>>;
  private readonly watermarks: Instant[];
  /**
   * Counts changes of side-input data and side watermarks: with the main window that was last
   * found not ready, it spares checking each of that window's elements again.
   */
  private version = 0;
  private notReadyWindow: BoundedWindow | undefined;
  private notReadyVersion = -1;
  /** Per side input: the main window of the last `read` and its side window's data. */
  private readonly lookups: Array<{ window: BoundedWindow; data: SideWindowData } | undefined>;

  /** @param views - the ParDo's side inputs, in declaration order (the order of its side-input indices) */
  constructor(readonly views: readonly PCollectionView<unknown>[]) {
    this.data = views.map(() => new Map<string, SideWindowData>());
    this.windows = views.map(() => new Map<string, BoundedWindow>());
    this.watermarks = views.map(() => MIN_TIMESTAMP);
    this.lookups = views.map(() => undefined);
  }

  /** Adds a bundle of side input `index` to the data of each of its elements' windows. */
  receive(index: number, bundle: Bundle): void {
    const byWindow = this.data[index]!;
    for (const wv of bundle) {
      for (const w of wv.windows) {
        let data = byWindow.get(w.id);
        if (!data) byWindow.set(w.id, (data = emptyData()));
        // Also when a read of the view created the entry before any data: checkpoints need the window.
        if (!this.windows[index]!.has(w.id)) this.windows[index]!.set(w.id, w);
        data.values.push(wv.value);
        data.materialized = undefined;
        data.isMaterialized = false;
        this.version++;
        if (wv.pane.timing !== "UNKNOWN") data.triggered = true;
      }
    }
  }

  /**
   * Whether every side input is readable for `mainWindow`: its watermark has passed the side
   * window, or a triggered pane arrived for it.
   */
  ready(mainWindow: BoundedWindow): boolean {
    if (mainWindow === this.notReadyWindow && this.notReadyVersion === this.version) return false;
    for (let i = 0; i < this.views.length; i++) {
      const sw = this.views[i]!.pcollection.windowing.windowFn.sideInputWindow(mainWindow);
      if (this.watermarks[i]! > sw.maxTimestamp()) continue;
      if (this.data[i]!.get(sw.id)?.triggered) continue;
      this.notReadyWindow = mainWindow;
      this.notReadyVersion = this.version;
      return false;
    }
    return true;
  }

  /**
   * The value of side input `index` for `mainWindow`, materialized once per side window and data.
   * Elements of one main window read it in a row: the last lookup's data serves them with no map.
   */
  read<T>(index: number, mainWindow: BoundedWindow): T {
    const last = this.lookups[index];
    const data =
      last !== undefined && last.window === mainWindow ? last.data : this.lookUp(index, mainWindow);
    if (!data.isMaterialized) {
      data.materialized = this.views[index]!.materialize(data.values);
      data.isMaterialized = true;
    }
    return data.materialized as T;
  }

  /** The data of side input `index` for `mainWindow`'s side window (an empty entry if none came yet), remembered as the last lookup. */
  private lookUp(index: number, mainWindow: BoundedWindow): SideWindowData {
    const sideWindow = this.views[index]!.pcollection.windowing.windowFn.sideInputWindow(mainWindow);
    let data = this.data[index]!.get(sideWindow.id);
    if (!data) this.data[index]!.set(sideWindow.id, (data = emptyData()));
    this.lookups[index] = { window: mainWindow, data };
    return data;
  }

  /** Moves side input `index`'s watermark forward to `watermark` (never back). */
  advanceWatermark(index: number, watermark: Instant): void {
    if (watermark > this.watermarks[index]!) {
      this.watermarks[index] = watermark;
      this.version++;
    }
  }

  /** The side watermarks and side data, as a checkpoint keeps them. */
  snapshot(): SideInputsSnapshot {
    return {
      sideWatermarks: [...this.watermarks],
      sideData: this.views.map((view, i) => {
        const coder = view.pcollection.windowing.windowFn.windowCoder;
        return [...this.data[i]!.entries()].map(([id, d]) => ({
          id,
          window: this.windows[i]!.has(id) ? encodeToBytes(coder, this.windows[i]!.get(id)!) : null,
          values: d.values,
          triggered: d.triggered,
        }));
      }),
    };
  }

  /**
   * Takes the side watermarks and side data of `snapshot` (over the data already held), and
   * forgets the cached lookups and readiness, which refer to the data it replaces.
   */
  restore(snapshot: SideInputsSnapshot): void {
    snapshot.sideWatermarks.forEach((w, i) => (this.watermarks[i] = w));
    this.version++;
    this.lookups.fill(undefined);
    snapshot.sideData.forEach((entries, i) => {
      const coder = this.views[i]!.pcollection.windowing.windowFn.windowCoder;
      for (const e of entries) {
        this.data[i]!.set(e.id, { ...emptyData(), values: [...e.values], triggered: e.triggered });
        if (e.window) this.windows[i]!.set(e.id, decodeFromBytes(coder, e.window));
      }
    });
  }
}
