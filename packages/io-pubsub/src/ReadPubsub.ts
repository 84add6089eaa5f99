import { parDo, PTransform, read, TupleTag, type PBegin, type PCollection } from "@tributary/core";
import { ParseMessageFn, parseJson } from "./ParseMessageFn";
import type { PubsubDeadLetter } from "./PubsubDeadLetter";
import type { PubsubMessage } from "./PubsubMessage";
import { PubsubSource, type PubsubSourceOptions } from "./PubsubSource";

/**
 * Options of {@link readPubsub}: the source's, plus how to turn a message into an element.
 * @public
 */
export interface ReadPubsubOptions<T> extends PubsubSourceOptions {
  /** Turns a payload into an element; a throw dead-letters the message (default: UTF-8 JSON). */
  readonly parse?: (data: Uint8Array, message: PubsubMessage) => T;
  /**
   * Checks a parsed element: returns undefined when it is valid, else why it is not (or throws);
   * invalid messages are dead-lettered. Use it for schema validation at the edge.
   */
  readonly validate?: (value: T, message: PubsubMessage) => string | undefined;
  /** Messages with larger payloads are dead-lettered unparsed (default: no limit beyond Pub/Sub's 10 MB). */
  readonly maxMessageBytes?: number;
}

/**
 * What {@link readPubsub} returns: the parsed elements, and the messages that could not be.
 * @public
 */
export interface ReadPubsubResult<T> {
  readonly messages: PCollection<T>;
  readonly deadLetters: PCollection<PubsubDeadLetter>;
}

const DEAD_LETTERS = new TupleTag<PubsubDeadLetter>("pubsubDeadLetters");

/**
 * Reads a Pub/Sub subscription ({@link PubsubSource}) and parses each message, routing a message
 * whose timestamp attribute is missing or bad, that is too large, that does not parse or that
 * fails validation to `deadLetters` (with its raw bytes, attributes, id and the reason). Such a
 * message is acknowledged like any other once its dead letter has been handled downstream, so it
 * is not redelivered forever, and it never blocks the good ones.
 * @example
 * ```ts
 * const { messages, deadLetters } = p.apply(readPubsub<Click>({
 *   subscription: "clicks-sub", projectId: "p", timestampAttribute: "ts",
 *   validate: (c) => (typeof c.user === "string" ? undefined : "user must be a string"),
 * }));
 * ```
 * @public
 */
export class ReadPubsub<T> extends PTransform<PBegin, ReadPubsubResult<T>> {
  readonly source: PubsubSource;

  /** @throws as {@link PubsubSource}'s constructor, or RangeError for a bad maxMessageBytes. */
  constructor(readonly options: ReadPubsubOptions<T>) {
    super("ReadPubsub");
    this.source = new PubsubSource(options);
    const max = options.maxMessageBytes;
    if (max !== undefined && !(Number.isInteger(max) && max > 0)) {
      throw new RangeError(`readPubsub: maxMessageBytes must be a positive integer, got ${max}`);
    }
  }

  expand(input: PBegin): ReadPubsubResult<T> {
    const raw = input.pipeline.apply("Read", read(this.source));
    const fn = new ParseMessageFn<T>(
      {
        parse: this.options.parse ?? (parseJson as (data: Uint8Array) => T),
        validate: this.options.validate,
        maxMessageBytes: this.options.maxMessageBytes ?? Infinity,
      },
      DEAD_LETTERS,
    );
    const parsed = raw.apply("Parse", parDo(fn).withOutputs({ deadLetters: DEAD_LETTERS }));
    return { messages: parsed.main, deadLetters: parsed.deadLetters };
  }

  override toString(): string {
    return `readPubsub(${JSON.stringify(this.source.subscription)})`;
  }
}

/**
 * Reads, parses and validates a subscription's messages. @see ReadPubsub
 * @example
 * ```ts
 * const { messages, deadLetters } = p.apply(readPubsub({ subscription: "s", projectId: "p" }));
 * ```
 * @public
 */
export function readPubsub<T = unknown>(options: ReadPubsubOptions<T>): ReadPubsub<T> {
  return new ReadPubsub(options);
}
