import { BigQuery } from "@google-cloud/bigquery";
import { PubSub } from "@google-cloud/pubsub";
import {
  startBigQueryEmulator,
  startPubsubEmulator,
  type BigQueryEmulator,
  type PubsubEmulator,
} from "../../../tools/emulators/emulators";
import { bigQueryBackendFor, type CloudConfig } from "../src/cloud/CloudConfig";

/** Both local servers and clients for them. */
export interface Servers {
  readonly config: CloudConfig;
  readonly pubsub: PubSub;
  readonly bigquery: BigQuery;
  backend(): ReturnType<typeof bigQueryBackendFor>;
  query(sql: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

/**
 * Starts the real Pub/Sub (pstest) and BigQuery (bqemulator) servers, or fails with what to do —
 * integration tests never skip.
 */
export async function startServers(): Promise<Servers> {
  process.env["METADATA_SERVER_DETECTION"] = "none";
  let ps: PubsubEmulator | undefined;
  let bq: BigQueryEmulator | undefined;
  try {
    [ps, bq] = await Promise.all([
      startPubsubEmulator({ timeoutMs: 60_000 }),
      startBigQueryEmulator({ timeoutMs: 90_000 }),
    ]);
  } catch (e) {
    await Promise.all([ps?.stop(), bq?.stop()]);
    throw new Error(
      `the examples' integration tests need the local Pub/Sub and BigQuery servers, which did not start: ${
        e instanceof Error ? e.message : String(e)
      }\nInstall them with \`bash tools/emulators/install.sh\` (see tools/emulators/README.md).`,
    );
  }
  const config: CloudConfig = {
    projectId: bq.projectId,
    pubsubEmulatorHost: ps.host,
    bigQueryRestEndpoint: bq.restEndpoint,
    bigQueryStorageHost: bq.storageHost,
  };
  const pubsub = new PubSub({ projectId: bq.projectId, apiEndpoint: ps.host });
  const bigquery = new BigQuery({ projectId: bq.projectId, apiEndpoint: bq.restEndpoint });
  const [p, b] = [ps, bq];
  return {
    config,
    pubsub,
    bigquery,
    backend: () => bigQueryBackendFor(config),
    async query(sql) {
      const [rows] = await bigquery.query({ query: sql });
      return rows as Record<string, unknown>[];
    },
    async stop() {
      await pubsub.close();
      await Promise.all([p.stop(), b.stop()]);
    },
  };
}

/** Epoch ms of a BigQuery TIMESTAMP as the REST client returns it. */
export function epochMs(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === "object" && v !== null && "value" in v) return Date.parse(String(v.value));
  if (typeof v === "number") return v;
  return Date.parse(String(v));
}
