import { parDo } from "@tributary/core";
import type { Outputs } from "./Outputs";

/**
 * Outputs that keep every row in memory, by table: for tests and for the CLI's summary.
 * Rows appear as the pipeline runs; read them after `run()` resolves.
 * @example
 * ```ts
 * const outputs = memoryOutputs();
 * p.apply(create([{ a: 1 }])).apply(ptransform("W", (rows) => outputs.write("t", rows)));
 * await p.run();
 * outputs.rows("t"); // [{ a: 1 }]
 * ```
 * @public
 */
export function memoryOutputs(): Outputs & { rows<T = unknown>(table: string): T[]; tables(): string[] } {
  const tables = new Map<string, unknown[]>();
  return {
    write(table, rows) {
      if (tables.has(table))
        throw new Error(`table ${table} is written twice; give each output its own name`);
      const sink: unknown[] = [];
      tables.set(table, sink);
      rows.apply(
        `Collect[${table}]`,
        parDo<object, never>({ name: "CollectRows", process: (row) => void sink.push(row) }),
      );
    },
    rows<T>(table: string): T[] {
      const r = tables.get(table);
      if (!r) throw new Error(`no table ${table}; tables are: ${[...tables.keys()].join(", ")}`);
      return r as T[];
    },
    tables: () => [...tables.keys()],
  };
}
