import type { ByteReader } from "./ByteReader";
import type { ByteWriter } from "./ByteWriter";

/**
 * Encodes values of one type to bytes and back: used for grouping keys, checkpoints, crossing
 * worker threads and, later, Beam portability.
 *
 * A coder is `deterministic` when equal values always encode to equal bytes; only deterministic
 * coders may encode grouping keys.
 * @public
 */
export interface Coder<T> {
  encode(value: T, out: ByteWriter): void;
  decode(input: ByteReader): T;
  readonly deterministic: boolean;
  /** Prints the coder as the code that makes it, e.g. `kvCoder(stringCoder, varIntCoder)`. */
  toString(): string;
}
