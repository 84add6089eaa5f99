import type { ByteReader } from "../../coders/ByteReader";
import type { ByteWriter } from "../../coders/ByteWriter";
import type { Coder } from "../../coders/Coder";
import { structuralCoder } from "../../coders/structuralCoder";

const PLAIN = 0;
/** A `Map`, as the array of its [key, value] entries. */
const MAP = 1;
/** A `Set`, as the array of its values. */
const SET = 2;

/**
 * Encodes the data of a state cell for a durable backend: plain data (what structuralCoder
 * encodes), or a `Map` or `Set` of plain data at the top level, as map and set cells and some
 * accumulators (distinctCount's) hold. Decoding gives back a `Map` or `Set` with the same entries
 * in the same order.
 * @internal
 */
export const cellDataCoder: Coder<unknown> = Object.freeze({
  /** @throws NonDeterministicValueError naming the path of anything that is not plain data. */
  encode(value: unknown, out: ByteWriter): void {
    if (value instanceof Map) {
      out.writeByte(MAP);
      structuralCoder.encode([...value], out);
    } else if (value instanceof Set) {
      out.writeByte(SET);
      structuralCoder.encode([...value], out);
    } else {
      out.writeByte(PLAIN);
      structuralCoder.encode(value, out);
    }
  },
  /** @throws RangeError on truncated or corrupt input. */
  decode(input: ByteReader): unknown {
    const at = input.position;
    const tag = input.readByte();
    switch (tag) {
      case PLAIN:
        return structuralCoder.decode(input);
      case MAP:
        return new Map(structuralCoder.decode(input) as [unknown, unknown][]);
      case SET:
        return new Set(structuralCoder.decode(input) as unknown[]);
      default:
        throw new RangeError(`cellDataCoder: unknown tag ${tag} at offset ${at}`);
    }
  },
  deterministic: false,
  toString(): string {
    return "cellDataCoder";
  },
});
