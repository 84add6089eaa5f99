import { mkdirSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { parDo, type DoFn } from "@tributary/core";
import type { Outputs } from "./Outputs";

/**
 * A sink step that writes each element as one JSON line to `path` (truncated at setup). Lines are
 * buffered per bundle and appended in `finishBundle`, so the pipeline waits for the disk there
 * and not per element.
 * @public
 */
export function jsonLinesSink<T>(path: string): DoFn<T, never> {
  let file: FileHandle | undefined;
  let lines: string[] = [];
  return {
    name: "WriteJsonLines",
    async setup() {
      file = await open(path, "w");
    },
    process(row, ctx) {
      lines.push(JSON.stringify(row));
      ctx.metrics.counter("rowsWritten").inc();
    },
    async finishBundle() {
      if (lines.length === 0 || !file) return;
      const text = lines.join("\n") + "\n";
      lines = [];
      await file.appendFile(text);
    },
    async teardown() {
      await file?.close();
      file = undefined;
    },
  };
}

/**
 * Outputs that write every table to `<dir>/<table>.jsonl` (the directory is created).
 * @public
 */
export function jsonLinesOutputs(
  dir: string,
): Outputs & { readonly dir: string; pathOf(table: string): string } {
  mkdirSync(dir, { recursive: true });
  const pathOf = (table: string) => join(dir, `${table}.jsonl`);
  return {
    dir,
    pathOf,
    write(table, rows) {
      rows.apply(`Write[${table}]`, parDo(jsonLinesSink(pathOf(table))));
    },
  };
}
