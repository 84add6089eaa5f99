import type { Measurement } from "../src/harness/Measurement";

export const MiB = 2 ** 20;

/** A measurement of `target` with every field a table does not read set to a placeholder. */
export function measurement(
  target: string,
  mode: "pipeline" | "baseline",
  events: number,
  fields: Partial<Measurement>,
): Measurement {
  return {
    target,
    mode,
    events,
    bundleSize: 1000,
    input: "pregenerated",
    seconds: 1,
    eventsPerSecond: events,
    outputs: 1,
    generateSeconds: 0,
    rssBeforeRun: 0,
    peakRss: 0,
    runStartMicros: 0,
    runEndMicros: 1,
    ...fields,
  };
}

/** The table's row of `target` (empty when it has none). */
export const rowOf = (table: string, target: string): string =>
  table.split("\n").find((line) => line.startsWith(`| ${target} `)) ?? "";
