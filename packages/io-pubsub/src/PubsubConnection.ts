import { PubSub, type ClientConfig } from "@google-cloud/pubsub";

/**
 * How a source or sink reaches Pub/Sub: an existing client, or the options to make one.
 * @public
 */
export interface PubsubConnectionOptions {
  /**
   * The Google Cloud project. Needed unless the resource name is fully qualified
   * (`projects/P/...`), `client` is given, or `clientOptions.projectId` is set.
   */
  readonly projectId?: string;
  /** A client to use; it is not closed by this package. */
  readonly client?: PubSub;
  /**
   * Options for the client this package makes (and closes) when `client` is not given, e.g.
   * `{ apiEndpoint: "127.0.0.1:8085" }` for the emulator (or set `PUBSUB_EMULATOR_HOST`).
   */
  readonly clientOptions?: ClientConfig;
}

/** A client plus whether this package owns (and so must close) it. @internal */
export interface PubsubConnection {
  readonly client: PubSub;
  readonly owned: boolean;
  /** The fully qualified resource name. */
  readonly name: string;
}

const QUALIFIED = /^projects\/([^/]+)\/(topics|subscriptions)\/([^/]+)$/;

/**
 * The fully qualified name of a topic or subscription, or an error that says what is missing.
 * @internal
 */
export function qualifiedName(
  kind: "topics" | "subscriptions",
  name: string,
  options: PubsubConnectionOptions,
  who: string,
): string {
  if (!name)
    throw new Error(
      `${who}: the ${kind === "topics" ? "topic" : "subscription"} name is empty; pass its name or projects/P/${kind}/NAME`,
    );
  const m = QUALIFIED.exec(name);
  if (m) {
    if (m[2] !== kind) throw new Error(`${who}: ${name} names ${m[2]}, but ${kind} are expected here`);
    return name;
  }
  if (name.includes("/"))
    throw new Error(
      `${who}: ${JSON.stringify(name)} is not a ${kind.slice(0, -1)} name; pass NAME or projects/P/${kind}/NAME`,
    );
  const project =
    options.projectId ??
    options.clientOptions?.projectId ??
    (options.client?.isIdResolved ? options.client.projectId : undefined);
  if (!project) {
    throw new Error(
      `${who}: cannot tell the project of ${kind.slice(0, -1)} ${JSON.stringify(name)}; ` +
        `pass projectId, a client, or the full name projects/P/${kind}/${name}`,
    );
  }
  return `projects/${project}/${kind}/${name}`;
}

/** Uses the given client, or makes one for the resource's project. @internal */
export function connect(name: string, options: PubsubConnectionOptions): PubsubConnection {
  if (options.client) return { client: options.client, owned: false, name };
  const projectId = QUALIFIED.exec(name)![1]!;
  return { client: new PubSub({ ...options.clientOptions, projectId }), owned: true, name };
}
