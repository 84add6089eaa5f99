/**
 * One write of a batch given to {@link OrderedKvStore.write}.
 * @internal
 */
export type KvWrite =
  | { readonly op: "put"; readonly key: Uint8Array; readonly value: Uint8Array }
  | { readonly op: "delete"; readonly key: Uint8Array }
  /** Deletes every key in [start, end). */
  | { readonly op: "deleteRange"; readonly start: Uint8Array; readonly end: Uint8Array };

/**
 * A synchronous, ordered byte-key store on disk: what a durable {@link StateBackend} needs of an
 * embedded database (LMDB, SQLite). Keys compare byte by byte (memcmp order).
 * @internal
 */
export interface OrderedKvStore {
  get(key: Uint8Array): Uint8Array | undefined;
  /** The entries with start <= key < end, in ascending key order. */
  range(start: Uint8Array, end: Uint8Array): Iterable<readonly [key: Uint8Array, value: Uint8Array]>;
  /** Whether some key lies in [start, end). */
  hasAny(start: Uint8Array, end: Uint8Array): boolean;
  /** Applies the writes in order, in one transaction. */
  write(writes: readonly KvWrite[]): void;
  /** Deletes every entry. */
  clear(): void;
  close(): Promise<void>;
}
