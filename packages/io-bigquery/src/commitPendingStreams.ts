import type { managedwriter } from "@google-cloud/bigquery-storage";

type WriterClient = managedwriter.WriterClient;

/** gRPC FAILED_PRECONDITION: what FinalizeWriteStream answers for a stream already committed. */
const FAILED_PRECONDITION = 9;
/** StorageError.StorageErrorCode.STREAM_ALREADY_COMMITTED. */
const STREAM_ALREADY_COMMITTED = 2;

/** The table a stream belongs to: `projects/P/datasets/D/tables/T` of `.../streams/S`. */
function tableOf(stream: string): string {
  const at = stream.lastIndexOf("/streams/");
  if (at < 0)
    throw new Error(`${stream} is not a write stream name (projects/P/datasets/D/tables/T/streams/S)`);
  return stream.slice(0, at);
}

function isAlreadyCommitted(err: unknown): boolean {
  const e = err as { code?: unknown; details?: unknown; message?: unknown };
  const text = [e.details, e.message].filter((x) => typeof x === "string").join(" ");
  return e.code === FAILED_PRECONDITION && /commit/i.test(text);
}

/**
 * Makes the rows of PENDING streams visible: finalizes each stream (idempotent), then commits
 * them with one BatchCommitWriteStreams per table (atomic per table). Idempotent: a stream
 * already committed — by an earlier call whose checkpoint is being committed again after a
 * restart — counts as success, so calling it twice never duplicates rows.
 * @throws Error when a stream cannot be finalized or committed for another reason (it is
 * retried by committing the same checkpoint data again).
 * @example
 * ```ts
 * await commitPendingStreams(client, ["projects/p/datasets/d/tables/t/streams/s1"]);
 * await commitPendingStreams(client, ["projects/p/datasets/d/tables/t/streams/s1"]); // no-op
 * ```
 * @internal
 */
export async function commitPendingStreams(client: WriterClient, streams: readonly string[]): Promise<void> {
  const byTable = new Map<string, string[]>();
  for (const stream of streams) {
    try {
      await client.finalizeWriteStream({ name: stream });
    } catch (err) {
      if (isAlreadyCommitted(err)) continue;
      throw err;
    }
    const table = tableOf(stream);
    let list = byTable.get(table);
    if (!list) byTable.set(table, (list = []));
    list.push(stream);
  }
  for (const [parent, writeStreams] of byTable) {
    const response = await client.batchCommitWriteStream({ parent, writeStreams });
    // The code arrives as the enum's number or, depending on decoding, its name.
    const errors = (response.streamErrors ?? []).filter((e) => {
      const code: unknown = e.code;
      return code !== STREAM_ALREADY_COMMITTED && code !== "STREAM_ALREADY_COMMITTED";
    });
    if (errors.length > 0) {
      throw new Error(
        `BatchCommitWriteStreams on ${parent} failed: ${errors.map((e) => `${e.entity ?? ""}: ${e.errorMessage ?? String(e.code)}`).join("; ")}`,
      );
    }
  }
}
