import type { BigQuery } from "@google-cloud/bigquery";
import { classifyError } from "./classifyError";
import type { TableDestination } from "./TableDestination";
import { WriteError } from "./WriteError";

function isNotFound(err: unknown): boolean {
  return (err as { code?: unknown }).code === 404;
}

function isAlreadyExists(err: unknown): boolean {
  return (err as { code?: unknown }).code === 409;
}

/**
 * Creates BigQuery tables on first use (schema, time partitioning, clustering), honouring the
 * create and write dispositions; remembers tables it has prepared.
 * @internal
 */
export class BigQueryTables {
  private readonly prepared = new Map<string, Promise<void>>();

  constructor(
    private readonly bigquery: BigQuery,
    private readonly defaultProjectId: string,
  ) {}

  prepare(dest: TableDestination): Promise<void> {
    let p = this.prepared.get(dest.tableSpec);
    if (!p) {
      p = this.createOrCheck(dest);
      p.catch(() => this.prepared.delete(dest.tableSpec));
      this.prepared.set(dest.tableSpec, p);
    }
    return p;
  }

  private async datasetExists(datasetId: string, projectId: string): Promise<boolean> {
    try {
      const [exists] = await this.bigquery.dataset(datasetId, { projectId }).exists();
      return exists;
    } catch {
      return true; // unknown: report the original error
    }
  }

  private async createOrCheck(dest: TableDestination): Promise<void> {
    const { datasetId, tableId } = dest.table;
    const projectId = dest.table.projectId ?? this.defaultProjectId;
    const table = this.bigquery.dataset(datasetId, { projectId }).table(tableId);
    let exists: boolean;
    try {
      [exists] = await table.exists();
    } catch (err) {
      throw new WriteError(
        `could not look up ${dest.tableSpec}: ${classifyError(err).message}`,
        classifyError(err).transient,
        { cause: err },
      );
    }
    if (!exists) {
      if (dest.createDisposition === "CREATE_NEVER") {
        throw new WriteError(
          `table ${dest.tableSpec} does not exist and createDisposition is CREATE_NEVER; create it or use CREATE_IF_NEEDED`,
          false,
        );
      }
      if (!(await this.datasetExists(datasetId, projectId))) {
        throw new WriteError(
          `dataset ${projectId}:${datasetId} does not exist; create it before writing to ${dest.tableSpec}`,
          false,
        );
      }
      const { timePartitioning, clustering } = dest.layout;
      const metadata: Record<string, unknown> = { schema: { fields: dest.schema.fields } };
      if (timePartitioning)
        metadata["timePartitioning"] = {
          ...timePartitioning,
          ...(timePartitioning.expirationMs === undefined
            ? {}
            : { expirationMs: String(timePartitioning.expirationMs) }),
        };
      if (clustering && clustering.length > 0) metadata["clustering"] = { fields: clustering };
      try {
        await this.bigquery.dataset(datasetId, { projectId }).createTable(tableId, metadata);
      } catch (err) {
        if (isAlreadyExists(err)) return; // another writer created it first
        if (isNotFound(err))
          throw new WriteError(
            `dataset ${projectId}:${datasetId} does not exist; create it before writing to ${dest.tableSpec}`,
            false,
            { cause: err },
          );
        const verdict = classifyError(err);
        throw new WriteError(`could not create ${dest.tableSpec}: ${verdict.message}`, verdict.transient, {
          cause: err,
        });
      }
    } else if (dest.writeDisposition === "WRITE_EMPTY") {
      const [metadata] = (await table.getMetadata()) as unknown as [{ numRows?: string }];
      if (Number(metadata.numRows ?? "0") > 0) {
        throw new WriteError(
          `table ${dest.tableSpec} is not empty and writeDisposition is WRITE_EMPTY; empty it or use WRITE_APPEND`,
          false,
        );
      }
    }
  }
}
