import { adapt, managedwriter, type protos } from "@google-cloud/bigquery-storage";
import type { TableSchema } from "./TableSchema";
import { WriteError } from "./WriteError";

type WriterClient = managedwriter.WriterClient;
type StreamConnection = Awaited<ReturnType<WriterClient["createStreamConnection"]>>;
type JSONList = Parameters<managedwriter.JSONWriter["appendRows"]>[0];

/** gRPC status codes the Storage Write API answers in-band. */
const ALREADY_EXISTS = 6;
const OUT_OF_RANGE = 11;

/**
 * The kinds of stream the sink writes: COMMITTED (visible on append), PENDING (visible only
 * after finalize + batchCommitWriteStreams), DEFAULT (the table's `_default` stream).
 * @public
 */
export type StorageWriteStreamType = "COMMITTED" | "PENDING" | "DEFAULT";

/** The answer to one append. @public */
export type AppendOutcome =
  | { readonly kind: "appended" }
  /** The offset was already written: on a replay of the same rows this is success. */
  | { readonly kind: "alreadyExists" }
  /** The service rejected individual rows; nothing in the request was appended. */
  | {
      readonly kind: "rowErrors";
      readonly errors: ReadonlyArray<{ readonly index: number; readonly message: string }>;
    };

/**
 * One Storage Write API stream of a table, opened on a connection: an application-created
 * COMMITTED stream (rows appended at explicit offsets, visible on append), an
 * application-created PENDING stream (explicit offsets, visible only once finalized and
 * batch-committed: see `commitPendingStreams`) or the table's `_default` stream (no offsets).
 * Reconnects after a connection error, keeping the stream.
 * @example
 * ```ts
 * const stream = await StorageWriteStream.open(client, "projects/p/datasets/d/tables/t", schema, { type: "COMMITTED" });
 * await stream.append([{ n: "1" }], 0);   // { kind: "appended" }
 * await stream.append([{ n: "1" }], 0);   // { kind: "alreadyExists" }: a replay, not a duplicate
 * await stream.finalize();
 * ```
 * @public
 */
export class StorageWriteStream {
  private connection: StreamConnection | undefined;
  private writer: managedwriter.JSONWriter | undefined;
  private broken = false;

  private constructor(
    private readonly client: WriterClient,
    /** `projects/P/datasets/D/tables/T/streams/S` (or `.../_default`). */
    readonly streamId: string,
    readonly type: StorageWriteStreamType,
    private readonly descriptor: protos.google.protobuf.IDescriptorProto,
  ) {}

  /**
   * Opens a stream on `tablePath` (`projects/P/datasets/D/tables/T`): a new COMMITTED stream,
   * an existing one by `streamId` (resuming after a restart), or the `_default` stream.
   */
  static async open(
    client: WriterClient,
    tablePath: string,
    schema: TableSchema,
    options: { readonly type: StorageWriteStreamType; readonly streamId?: string },
  ): Promise<StorageWriteStream> {
    const storageSchema = adapt.convertBigQuerySchemaToStorageTableSchema({ fields: schema.fields as never });
    const descriptor = adapt.convertStorageSchemaToProto2Descriptor(storageSchema, "root");
    let streamId = options.streamId;
    if (streamId === undefined) {
      streamId =
        options.type === "DEFAULT"
          ? `${tablePath}/streams/_default`
          : await client.createWriteStream({
              streamType:
                options.type === "PENDING" ? managedwriter.PendingStream : managedwriter.CommittedStream,
              destinationTable: tablePath,
            });
    }
    const stream = new StorageWriteStream(client, streamId, options.type, descriptor);
    await stream.connect();
    return stream;
  }

  private async connect(): Promise<void> {
    const connection = await this.client.createStreamConnection({ streamId: this.streamId });
    // Without a listener a connection error would be emitted as an unhandled 'error' event.
    connection.onConnectionError(() => {
      this.broken = true;
    });
    this.connection = connection;
    this.writer = new managedwriter.JSONWriter({ connection, protoDescriptor: this.descriptor });
    this.broken = false;
  }

  /**
   * Appends `rows` (proto-JSON objects), at `offset` for a COMMITTED or PENDING stream. Resolves with the
   * outcome; throws (with the gRPC `code`) for whole-request errors, after which the next call
   * reconnects.
   */
  async append(rows: JSONList, offset?: number): Promise<AppendOutcome> {
    if (this.broken || !this.connection?.isOpen()) {
      this.closeConnection();
      await this.connect();
    }
    const pending = this.writer!.appendRows(rows, this.type === "DEFAULT" ? undefined : offset);
    let response: protos.google.cloud.bigquery.storage.v1.IAppendRowsResponse;
    try {
      response = await pending.getResult();
    } catch (err) {
      this.broken = true;
      throw err;
    }
    if (response.rowErrors && response.rowErrors.length > 0) {
      return {
        kind: "rowErrors",
        errors: response.rowErrors.map((e) => ({
          index: Number(e.index ?? 0),
          message: `${String(e.code ?? "")} ${e.message ?? ""}`.trim(),
        })),
      };
    }
    const error = response.error;
    if (error && error.code) {
      if (error.code === ALREADY_EXISTS) return { kind: "alreadyExists" };
      if (error.code === OUT_OF_RANGE) {
        throw new WriteError(
          `offset ${String(offset)} is beyond the end of ${this.streamId} (OUT_OF_RANGE): an earlier append was lost; resume from the stream's last committed offset`,
          false,
        );
      }
      throw Object.assign(new Error(`AppendRows on ${this.streamId}: ${error.message ?? "error"}`), {
        code: error.code,
      });
    }
    return { kind: "appended" };
  }

  /** Finalizes a COMMITTED or PENDING stream (no more appends); a no-op for `_default`. */
  async finalize(): Promise<void> {
    if (this.type !== "DEFAULT" && this.connection && !this.broken) await this.connection.finalize();
  }

  private closeConnection(): void {
    this.writer?.close();
    this.writer = undefined;
    this.connection = undefined;
  }

  /** Closes the connection. */
  close(): void {
    this.closeConnection();
  }
}
