/**
 * Coders: deterministic byte encodings for grouping keys, checkpoints, worker threads and Beam
 * portability.
 * @packageDocumentation
 */
export type { Coder } from "./Coder";
export { ByteWriter } from "./ByteWriter";
export { ByteReader } from "./ByteReader";
export { encodeToBytes } from "./encodeToBytes";
export { decodeFromBytes } from "./decodeFromBytes";
export { stringCoder } from "./stringCoder";
export { varIntCoder } from "./varIntCoder";
export { doubleCoder } from "./doubleCoder";
export { booleanCoder } from "./booleanCoder";
export { bytesCoder } from "./bytesCoder";
export { bigIntCoder } from "./bigIntCoder";
export { instantCoder } from "./instantCoder";
export { nullableCoder } from "./nullableCoder";
export { kvCoder } from "./kvCoder";
export { arrayCoder } from "./arrayCoder";
export { intervalWindowCoder } from "./intervalWindowCoder";
export { globalWindowCoder } from "./globalWindowCoder";
export { paneInfoCoder } from "./paneInfoCoder";
export { windowedValueCoder } from "./windowedValueCoder";
export { structuralCoder } from "./structuralCoder";
export { structuralKey } from "./structuralKey";
export { NonDeterministicValueError } from "./NonDeterministicValueError";
