import { credentials } from "@grpc/grpc-js";
import { BigQuery } from "@google-cloud/bigquery";
import { managedwriter } from "@google-cloud/bigquery-storage";
import { BigQueryTables } from "./BigQueryTables";
import { InsertAllTableWriter } from "./InsertAllTableWriter";
import { SchemaError } from "./SchemaError";
import { StorageWriteTableWriter, type StreamPosition } from "./StorageWriteTableWriter";
import type { TableWriter } from "./TableWriter";
import type { OpenWriterOptions, WriteBackend } from "./WriteBackend";
import type { WriteMethod } from "./WriteMethod";

/** Options of {@link bigQueryBackend}. @public */
export interface BigQueryBackendOptions {
  /** The project that owns tables named without one (and is billed). Required. */
  readonly projectId: string;
  /** REST endpoint with scheme, e.g. `http://127.0.0.1:9050` for bqemulator; default Google's. */
  readonly apiEndpoint?: string;
  /** `host:port` of a Storage Write API server reached over an insecure channel (an emulator); default Google's, with TLS. */
  readonly storageHost?: string;
  /** A REST client to use instead of one built from the options above. */
  readonly bigquery?: BigQuery;
  /** A Storage Write client to use instead of one built from the options above. */
  readonly writerClient?: managedwriter.WriterClient;
  /** COMMITTED stream positions to resume from (from a checkpoint), by table spec. */
  readonly resumeFrom?: ReadonlyMap<string, StreamPosition>;
}

/**
 * The real BigQuery (or bqemulator) as a {@link WriteBackend}. The sink owns retries, so the
 * clients it builds have their own automatic retries turned off.
 * @public
 */
export class BigQueryBackend implements WriteBackend {
  private rest: BigQuery | undefined;
  private readonly writers: TableWriter[] = [];

  constructor(readonly options: BigQueryBackendOptions) {}

  /** The REST client (built on first use). */
  restClient(): BigQuery {
    this.rest ??=
      this.options.bigquery ??
      new BigQuery({
        projectId: this.options.projectId,
        ...(this.options.apiEndpoint === undefined ? {} : { apiEndpoint: this.options.apiEndpoint }),
        autoRetry: false,
        maxRetries: 0,
      });
    return this.rest;
  }

  private storageClient(): managedwriter.WriterClient {
    if (this.options.writerClient) return this.options.writerClient;
    const host = this.options.storageHost;
    if (host === undefined) return new managedwriter.WriterClient({ projectId: this.options.projectId });
    const colon = host.lastIndexOf(":");
    if (colon < 0) throw new SchemaError(`storageHost ${JSON.stringify(host)}: write it as host:port`);
    return new managedwriter.WriterClient({
      projectId: this.options.projectId,
      servicePath: host.slice(0, colon),
      port: Number(host.slice(colon + 1)),
      sslCreds: credentials.createInsecure(),
    });
  }

  openWriter(method: WriteMethod, options: OpenWriterOptions = {}): Promise<TableWriter> {
    return Promise.resolve(this.writerFor(method, options.twoPhaseCommit ?? false));
  }

  private writerFor(method: WriteMethod, twoPhaseCommit: boolean): TableWriter {
    if (twoPhaseCommit && method !== "STORAGE_WRITE_API")
      throw new SchemaError(
        `twoPhaseCommit needs method STORAGE_WRITE_API; ${method} is at-least-once (use STORAGE_WRITE_API for exactly-once)`,
      );
    const tables = new BigQueryTables(this.restClient(), this.options.projectId);
    if (method === "INSERT_ALL")
      return new InsertAllTableWriter(this.restClient(), tables, this.options.projectId);
    const client = this.storageClient();
    client.enableWriteRetries(false); // the sink retries, at the same offsets
    return new StorageWriteTableWriter(
      method,
      client,
      tables,
      this.options.projectId,
      this.options.resumeFrom,
      this.options.writerClient === undefined,
      twoPhaseCommit,
    );
  }

  toString(): string {
    return `bigQueryBackend({ projectId: ${JSON.stringify(this.options.projectId)}${this.options.apiEndpoint ? `, apiEndpoint: ${JSON.stringify(this.options.apiEndpoint)}` : ""} })`;
  }
}

/**
 * BigQuery as the sink's backend: REST for table creation and insertAll, the Storage Write API
 * (gRPC) for the two STORAGE_WRITE methods. Point it at bqemulator with `apiEndpoint` and
 * `storageHost`.
 * @example
 * ```ts
 * const backend = bigQueryBackend({ projectId: "my-project" });
 * // bqemulator:
 * const local = bigQueryBackend({ projectId: "test-project", apiEndpoint: "http://127.0.0.1:9050", storageHost: "127.0.0.1:9060" });
 * ```
 * @public
 */
export function bigQueryBackend(options: BigQueryBackendOptions): BigQueryBackend {
  if (typeof options?.projectId !== "string" || options.projectId === "") {
    throw new SchemaError(
      "bigQueryBackend: pass a projectId (without one the Google client looks for credentials and fails)",
    );
  }
  return new BigQueryBackend(options);
}
