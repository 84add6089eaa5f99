import { IntervalWindow, ParDo, type PaneInfo, type Timing } from "@tributary/core";

/** Where a result row came from: its window and pane. Every windowed output row carries these. @public */
export interface WindowFields {
  /** Window start, epoch ms (inclusive). */
  readonly windowStart: number;
  /** Window end, epoch ms (exclusive). */
  readonly windowEnd: number;
  /** EARLY (speculative), ON_TIME or LATE (updated by late data). */
  readonly timing: Timing;
  /** 0 for the first pane of the window, then 1, 2, ... */
  readonly paneIndex: number;
  /** True on the window's last pane. */
  readonly isFinal: boolean;
}

/** The window fields of an element in `window` with pane `pane`. @throws TypeError outside interval windows. */
export function windowFieldsOf(window: unknown, pane: PaneInfo): WindowFields {
  if (!(window instanceof IntervalWindow))
    throw new TypeError(`expected an interval window, got ${String(window)}`);
  return {
    windowStart: window.start,
    windowEnd: window.end,
    timing: pane.timing,
    paneIndex: pane.index,
    isFinal: pane.isLast,
  };
}

/**
 * A step that turns each grouped result into an output row that records its window and pane:
 * `toRow(value, windowFieldsOf(window, pane))`.
 * @example
 * ```ts
 * counts.apply("ToRows", toWindowedRows((c: KV<string, number>, w) => ({ ...w, page: c.key, views: c.value })));
 * ```
 * @public
 */
export function toWindowedRows<T, R>(toRow: (value: T, window: WindowFields) => R): ParDo<T, R> {
  return new ParDo<T, R>({
    name: "ToWindowedRows",
    process(value, ctx) {
      ctx.output(toRow(value, windowFieldsOf(ctx.window, ctx.pane)));
    },
  });
}
