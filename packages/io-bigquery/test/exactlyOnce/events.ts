/**
 * The exactly-once kill test's data: a deterministic stream of events with unique ids and
 * per-key sequence numbers, the tables the pipeline writes, and the batch oracle they must equal.
 */
import type { TableSchema } from "@tributary/io-bigquery";

/** One generated event. */
export interface KillTestEvent {
  readonly eventId: string;
  readonly key: string;
  /** 0, 1, 2, … per key: contiguous when nothing is lost. */
  readonly seq: number;
  /** Event time, epoch ms. */
  readonly ts: number;
}

/** Keys events are spread over. */
export const KEYS = 50;
/** Event-time distance between consecutive events. */
export const EVENT_SPACING_MS = 1;
/** The counts' window size: 10,000 events per window. */
export const WINDOW_MS = 10_000;
/**
 * The pipeline's watermark bound (event time), 60,000 events. pstest hands out its backlog in
 * random order (it iterates a Go map), so a message can wait in it arbitrarily long while newer
 * ones flow; and redeliveries of what a killed run held come back after the 10 s ack deadline.
 * The controller therefore publishes in chunks of CHUNK events and publishes chunk k+1 only
 * once every event of chunk k-1 is visible: no event is ever more than two chunks (10 s of
 * event time) older than the newest one published, so every event is on time, while windows
 * still fire during the run.
 */
export const MAX_OUT_OF_ORDERNESS_MS = 60_000;
/** Events per published chunk (5 s of event time). */
export const CHUNK = 5000;
/** Event time of event 0: an aligned, fixed instant (so windows are the same in every run). */
export const T0 = Date.UTC(2026, 0, 1);

/** Event `i` of the stream. */
export function eventAt(i: number): KillTestEvent {
  return { eventId: `e${i}`, key: `k${i % KEYS}`, seq: Math.floor(i / KEYS), ts: T0 + i * EVENT_SPACING_MS };
}

export const RAW_TABLE = "raw_events";
export const COUNTS_TABLE = "window_counts";

export const rawSchema: TableSchema = {
  fields: [
    { name: "event_id", type: "STRING", mode: "REQUIRED" },
    { name: "key", type: "STRING", mode: "REQUIRED" },
    { name: "seq", type: "INT64", mode: "REQUIRED" },
    { name: "ts", type: "TIMESTAMP", mode: "REQUIRED" },
  ],
};

export const countsSchema: TableSchema = {
  fields: [
    { name: "key", type: "STRING", mode: "REQUIRED" },
    { name: "window_start", type: "TIMESTAMP", mode: "REQUIRED" },
    { name: "n", type: "INT64", mode: "REQUIRED" },
  ],
};

/** The batch oracle of the counts table: `key|windowStart` → count, for events 0..n-1. */
export function oracleCounts(n: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const e = eventAt(i);
    const start = e.ts - (e.ts % WINDOW_MS);
    const k = `${e.key}|${start}`;
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/** How many events key `k{j}` has among events 0..n-1. */
export function eventsOfKey(j: number, n: number): number {
  return j < n % KEYS ? Math.floor(n / KEYS) + 1 : Math.floor(n / KEYS);
}
