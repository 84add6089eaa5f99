import type { RowValidator } from "./RowValidator";
import type { TableLayout } from "./TableLayout";
import type { TableReference } from "./TableReference";
import type { TableSchema } from "./TableSchema";

/**
 * Everything a {@link TableWriter} needs to know about one destination table: where it is,
 * its schema (with the validator compiled from it), the layout to create it with, and whether
 * it may be created.
 * @public
 */
export interface TableDestination {
  readonly table: TableReference;
  /** `formatTableReference(table)`: the key writers use for per-table state. */
  readonly tableSpec: string;
  readonly schema: TableSchema;
  readonly validator: RowValidator;
  readonly layout: TableLayout;
  readonly createDisposition: "CREATE_IF_NEEDED" | "CREATE_NEVER";
  readonly writeDisposition: "WRITE_APPEND" | "WRITE_EMPTY";
}
