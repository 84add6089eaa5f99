import { PTransform, TupleTag, parDo, systemClock, type Clock, type PCollection } from "@tributary/core";
import type { PubsubMessage } from "@tributary/io-pubsub";
import type { MessageDeadLetter } from "./MessageDeadLetter";
import { safeJsonParse } from "./safeJsonParse";

/** A parsed message with the message it came from (for dead-lettering it later). @public */
export interface Parsed<T> {
  readonly value: T;
  readonly message: PubsubMessage;
}

/** What {@link ParseMessages} returns. @public */
export interface ParsedMessages<T> {
  readonly parsed: PCollection<Parsed<T>>;
  readonly deadLetters: PCollection<MessageDeadLetter>;
}

const DEAD = new TupleTag<MessageDeadLetter>("messageDeadLetters");
const decoder = new TextDecoder("utf-8", { fatal: true });

/** The raw payload and attributes of `m`, as a dead letter with `stage` and `error`. @public */
export function deadLetterOf(
  m: PubsubMessage,
  stage: MessageDeadLetter["stage"],
  error: unknown,
  failedAt: number,
): MessageDeadLetter {
  let payload: string;
  let payloadEncoding: MessageDeadLetter["payloadEncoding"] = "utf8";
  try {
    payload = decoder.decode(m.data);
  } catch {
    payload = Buffer.from(m.data).toString("base64");
    payloadEncoding = "base64";
  }
  return {
    failedAt,
    messageId: m.messageId,
    publishTime: m.publishTime,
    payload,
    payloadEncoding,
    attributes: JSON.stringify(m.attributes),
    stage,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
}

/**
 * Turns Pub/Sub messages into values: UTF-8 JSON parsed safely ({@link safeJsonParse}), then
 * `validate`d (which returns the value or throws). A message with a bad event-time attribute, a payload that is not JSON, or a value
 * that fails validation becomes exactly one {@link MessageDeadLetter}; the others go on.
 * @public
 */
export class ParseMessages<T> extends PTransform<PCollection<PubsubMessage>, ParsedMessages<T>> {
  constructor(
    private readonly validate: (json: unknown) => T,
    private readonly clock: Clock = systemClock,
  ) {
    super("ParseMessages");
  }

  expand(messages: PCollection<PubsubMessage>): ParsedMessages<T> {
    const { validate, clock } = this;
    const out = messages.apply(
      "Parse",
      parDo<PubsubMessage, Parsed<T>>({
        name: "ParseJson",
        process(m, ctx) {
          const fail = (stage: MessageDeadLetter["stage"], e: unknown) => {
            ctx.metrics.counter("deadLetters").inc();
            ctx.outputTo(DEAD, deadLetterOf(m, stage, e, clock.now()));
          };
          if (m.timestampError !== undefined) return fail("timestamp", m.timestampError);
          let json: unknown;
          try {
            json = safeJsonParse(decoder.decode(m.data));
          } catch (e) {
            return fail("parse", e);
          }
          let value: T;
          try {
            value = validate(json);
          } catch (e) {
            return fail("validate", e);
          }
          ctx.output({ value, message: m });
        },
      }).withOutputs({ deadLetters: DEAD }),
    );
    return { parsed: out.main, deadLetters: out.deadLetters };
  }
}
