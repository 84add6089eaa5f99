import type { Outputs } from "./Outputs";

/**
 * Outputs that write every table to each of `targets` (e.g. files and an in-memory copy for a summary).
 * @public
 */
export function teeOutputs(...targets: Outputs[]): Outputs {
  return {
    write(table, rows, spec) {
      for (const t of targets) t.write(table, rows, spec);
    },
    finish() {
      for (const t of targets) t.finish?.();
    },
  };
}
