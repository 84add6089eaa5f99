import { SchemaError } from "./SchemaError";

/**
 * Which table: `projectId` (default: the backend's project), dataset and table ids.
 * @example
 * ```ts
 * const ref: TableReference = { datasetId: "analytics", tableId: "page_views" };
 * ```
 * @public
 */
export interface TableReference {
  readonly projectId?: string;
  readonly datasetId: string;
  readonly tableId: string;
}

const DATASET_ID = /^[A-Za-z0-9_]{1,1024}$/;
/** BigQuery table ids: letters, marks, numbers, connectors, dashes and spaces, ≤ 1024 chars. */
const TABLE_ID = /^[\p{L}\p{M}\p{N}\p{Pc}\p{Pd}\p{Zs}]{1,1024}$/u;
const PROJECT_ID = /^[a-z][a-z0-9-.:]{0,62}$/;

/**
 * Parses `"dataset.table"`, `"project.dataset.table"` or `"project:dataset.table"` (or checks a
 * {@link TableReference}) into a validated reference.
 * @throws SchemaError naming the accepted forms when `spec` is malformed.
 * @example
 * ```ts
 * parseTableReference("my-proj:analytics.page_views");
 * // { projectId: "my-proj", datasetId: "analytics", tableId: "page_views" }
 * ```
 * @public
 */
export function parseTableReference(spec: string | TableReference): TableReference {
  let ref: TableReference;
  if (typeof spec === "string") {
    const colon = spec.indexOf(":");
    const project = colon >= 0 ? spec.slice(0, colon) : undefined;
    const parts = (colon >= 0 ? spec.slice(colon + 1) : spec).split(".");
    if (project === undefined && parts.length === 3)
      ref = { projectId: parts[0]!, datasetId: parts[1]!, tableId: parts[2]! };
    else if (parts.length === 2)
      ref =
        project === undefined
          ? { datasetId: parts[0]!, tableId: parts[1]! }
          : { projectId: project, datasetId: parts[0]!, tableId: parts[1]! };
    else
      throw new SchemaError(
        `table ${JSON.stringify(spec)}: write "dataset.table", "project.dataset.table" or "project:dataset.table"`,
      );
  } else {
    ref = spec;
  }
  if (typeof ref.datasetId !== "string" || !DATASET_ID.test(ref.datasetId)) {
    throw new SchemaError(
      `dataset id ${JSON.stringify(ref.datasetId)}: use letters, digits and underscores only (at most 1024)`,
    );
  }
  if (typeof ref.tableId !== "string" || !TABLE_ID.test(ref.tableId)) {
    throw new SchemaError(
      `table id ${JSON.stringify(ref.tableId)}: use letters, digits, underscores, dashes or spaces only (at most 1024)`,
    );
  }
  if (ref.projectId !== undefined && !PROJECT_ID.test(ref.projectId)) {
    throw new SchemaError(
      `project id ${JSON.stringify(ref.projectId)} is not a valid Google Cloud project id`,
    );
  }
  return ref;
}

/**
 * Prints a reference as `project:dataset.table` (or `dataset.table` without a project), the
 * form used in failed rows, metrics and errors.
 * @example
 * ```ts
 * formatTableReference({ datasetId: "a", tableId: "b" }); // "a.b"
 * ```
 * @public
 */
export function formatTableReference(ref: TableReference): string {
  return ref.projectId === undefined
    ? `${ref.datasetId}.${ref.tableId}`
    : `${ref.projectId}:${ref.datasetId}.${ref.tableId}`;
}
