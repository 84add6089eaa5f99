import { BigQuery } from "@google-cloud/bigquery";
import { PubSub } from "@google-cloud/pubsub";
import { bigQueryBackend, type BigQueryBackend } from "@tributary/io-bigquery";

/**
 * Where the CLI finds Pub/Sub and BigQuery, read from the environment (flags override):
 *
 * | variable | meaning |
 * |---|---|
 * | `GOOGLE_CLOUD_PROJECT` | the project (`--project` overrides) |
 * | `PUBSUB_EMULATOR_HOST` | `host:port` of a Pub/Sub emulator (no credentials then) |
 * | `BIGQUERY_REST_ENDPOINT` | `http://host:port` of a BigQuery emulator's REST API |
 * | `BIGQUERY_STORAGE_EMULATOR_HOST` | `host:port` of its Storage Write API (insecure gRPC) |
 * | `BIGQUERY_EMULATOR_PROJECT` | the emulator's project, when `GOOGLE_CLOUD_PROJECT` is unset |
 * | `GOOGLE_APPLICATION_CREDENTIALS` | a service-account key file, for real Google Cloud (or use `gcloud auth application-default login`) |
 * @public
 */
export interface CloudConfig {
  readonly projectId: string | undefined;
  readonly pubsubEmulatorHost: string | undefined;
  readonly bigQueryRestEndpoint: string | undefined;
  readonly bigQueryStorageHost: string | undefined;
}

/** Reads {@link CloudConfig} from `env` with `projectId` (a flag) first. @public */
export function cloudConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  projectId?: string,
): CloudConfig {
  const nonEmpty = (v: string | undefined) => (v === undefined || v === "" ? undefined : v);
  const emulated = nonEmpty(env["BIGQUERY_REST_ENDPOINT"]) ?? nonEmpty(env["PUBSUB_EMULATOR_HOST"]);
  return {
    projectId:
      projectId ??
      nonEmpty(env["GOOGLE_CLOUD_PROJECT"]) ??
      nonEmpty(env["BIGQUERY_EMULATOR_PROJECT"]) ??
      (emulated ? "test-project" : undefined),
    pubsubEmulatorHost: nonEmpty(env["PUBSUB_EMULATOR_HOST"]),
    bigQueryRestEndpoint: nonEmpty(env["BIGQUERY_REST_ENDPOINT"]),
    bigQueryStorageHost: nonEmpty(env["BIGQUERY_STORAGE_EMULATOR_HOST"]),
  };
}

function requireProject(config: CloudConfig, what: string): string {
  if (config.projectId === undefined)
    throw new Error(
      `${what} needs a Google Cloud project: pass --project or set GOOGLE_CLOUD_PROJECT (for the local emulators, see tools/emulators/README.md)`,
    );
  return config.projectId;
}

/** A Pub/Sub client for `config` (the emulator when `pubsubEmulatorHost` is set). @public */
export function pubsubClient(config: CloudConfig): PubSub {
  return new PubSub({
    projectId: requireProject(config, "--source pubsub"),
    ...(config.pubsubEmulatorHost !== undefined && { apiEndpoint: config.pubsubEmulatorHost }),
  });
}

/** A BigQuery backend for `config` (the emulator when its endpoints are set). @public */
export function bigQueryBackendFor(config: CloudConfig): BigQueryBackend {
  return bigQueryBackend({
    projectId: requireProject(config, "--sink bigquery"),
    ...(config.bigQueryRestEndpoint !== undefined && { apiEndpoint: config.bigQueryRestEndpoint }),
    ...(config.bigQueryStorageHost !== undefined && { storageHost: config.bigQueryStorageHost }),
  });
}

/** Creates the topic and the subscription if they do not exist. @public */
export async function ensureSubscription(pubsub: PubSub, topic: string, subscription: string): Promise<void> {
  const t = pubsub.topic(topic);
  const [topicExists] = await t.exists();
  if (!topicExists) await pubsub.createTopic(topic);
  const s = pubsub.subscription(subscription);
  const [subExists] = await s.exists();
  if (!subExists) await t.createSubscription(subscription, { ackDeadlineSeconds: 60 });
}

/** Creates the topic if it does not exist. @public */
export async function ensureTopic(pubsub: PubSub, topic: string): Promise<void> {
  const [exists] = await pubsub.topic(topic).exists();
  if (!exists) await pubsub.createTopic(topic);
}

/** Creates the BigQuery dataset if it does not exist (the sink creates tables, not datasets). @public */
export async function ensureDataset(config: CloudConfig, dataset: string): Promise<void> {
  const bigquery = new BigQuery({
    projectId: requireProject(config, "--sink bigquery"),
    ...(config.bigQueryRestEndpoint !== undefined && { apiEndpoint: config.bigQueryRestEndpoint }),
  });
  const [exists] = await bigquery.dataset(dataset).exists();
  if (!exists) await bigquery.createDataset(dataset);
}
