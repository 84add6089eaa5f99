/**
 * Raised by {@link writePubsub} (failing the pipeline) when elements could not be published after
 * their retries and the sink's `deadLetters` option is off. The last publish error is `cause`.
 * @example
 * ```ts
 * try { await p.run(); } catch (e) { if (e.cause instanceof PubsubPublishError) alert(e.cause.topic); }
 * ```
 * @public
 */
export class PubsubPublishError extends Error {
  override readonly name = "PubsubPublishError";
  constructor(
    readonly topic: string,
    readonly failures: number,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(
      `could not publish ${failures} element(s) to ${topic} after ${attempts} attempt(s): ` +
        `${cause instanceof Error ? cause.message : String(cause)}; check that the topic exists and is writable, ` +
        "or pass deadLetters: true to writePubsub to route such elements to its deadLetters output",
      { cause },
    );
  }
}
