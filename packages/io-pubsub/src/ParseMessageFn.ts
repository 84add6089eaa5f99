import type { DoFn, ProcessContext, TupleTag } from "@tributary/core";
import type { PubsubDeadLetter, PubsubDeadLetterReason } from "./PubsubDeadLetter";
import type { PubsubMessage } from "./PubsubMessage";

/** How {@link ParseMessageFn} turns a message into an element. @internal */
export interface ParseOptions<T> {
  readonly parse: (data: Uint8Array, message: PubsubMessage) => T;
  readonly validate: ((value: T, message: PubsubMessage) => string | undefined) | undefined;
  readonly maxMessageBytes: number;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Parses the payload as UTF-8 JSON: readPubsub's default parser. @internal */
export function parseJson(data: Uint8Array): unknown {
  return JSON.parse(decoder.decode(data));
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * Parses and validates messages; routes the ones that fail (bad timestamp, too large,
 * unparseable, invalid) to a dead-letter output, so one bad message never fails the pipeline.
 * @internal
 */
export class ParseMessageFn<T> implements DoFn<PubsubMessage, T> {
  readonly name = "ParsePubsubMessage";

  constructor(
    private readonly options: ParseOptions<T>,
    private readonly deadLetters: TupleTag<PubsubDeadLetter>,
  ) {}

  process(message: PubsubMessage, ctx: ProcessContext<T>): void {
    if (message.timestampError !== undefined) {
      this.reject(message, "timestamp", message.timestampError, ctx);
      return;
    }
    if (message.data.byteLength > this.options.maxMessageBytes) {
      this.reject(
        message,
        "size",
        `message of ${message.data.byteLength} bytes exceeds maxMessageBytes ${this.options.maxMessageBytes}`,
        ctx,
      );
      return;
    }
    let value: T;
    try {
      value = this.options.parse(message.data, message);
    } catch (e) {
      this.reject(message, "parse", describe(e), ctx);
      return;
    }
    const validate = this.options.validate;
    if (validate) {
      let problem: string | undefined;
      try {
        problem = validate(value, message);
      } catch (e) {
        problem = describe(e);
      }
      if (problem !== undefined) {
        this.reject(message, "validation", problem, ctx);
        return;
      }
    }
    ctx.output(value);
  }

  private reject(
    message: PubsubMessage,
    reason: PubsubDeadLetterReason,
    error: string,
    ctx: ProcessContext<T>,
  ): void {
    ctx.metrics.counter(`deadLetters.${reason}`).inc();
    const letter: PubsubDeadLetter = {
      data: message.data,
      attributes: message.attributes,
      messageId: message.messageId,
      publishTime: message.publishTime,
      ...(message.orderingKey !== undefined ? { orderingKey: message.orderingKey } : {}),
      reason,
      error,
    };
    ctx.outputTo(this.deadLetters, letter);
  }
}
