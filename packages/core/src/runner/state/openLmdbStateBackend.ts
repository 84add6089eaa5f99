import type * as LmdbModule from "lmdb";
import { KvStateBackend, type DurableStateBackendOptions } from "./KvStateBackend";
import type { KvWrite, OrderedKvStore } from "./OrderedKvStore";

type Lmdb = typeof LmdbModule;
type LmdbDatabase = ReturnType<Lmdb["open"]>;

/**
 * Options of {@link openLmdbStateBackend}.
 * @beta
 */
export interface LmdbStateBackendOptions extends DurableStateBackendOptions {
  /** The directory of the LMDB environment (created if missing). One stateful step per directory. */
  readonly path: string;
  /**
   * Skips the fsync of each write-back transaction (default false). Faster; a machine crash may then
   * lose or corrupt the store, so use it only where state is restored from a checkpoint on restart.
   */
  readonly noSync?: boolean;
}

/** A plain Uint8Array view of a Buffer, so that decoded byte values are Uint8Arrays, not Buffers. */
const plain = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** The byte-key store over one LMDB database. */
class LmdbKvStore implements OrderedKvStore {
  constructor(private readonly db: LmdbDatabase) {}

  get(key: Uint8Array): Uint8Array | undefined {
    const value = this.db.getBinary(key);
    return value ? plain(value) : undefined;
  }

  *range(start: Uint8Array, end: Uint8Array): Iterable<readonly [Uint8Array, Uint8Array]> {
    for (const { key, value } of this.db.getRange({ start, end })) {
      yield [plain(key as Uint8Array), plain(value as Uint8Array)];
    }
  }

  hasAny(start: Uint8Array, end: Uint8Array): boolean {
    for (const _ of this.db.getKeys({ start, end, limit: 1 })) return true;
    return false;
  }

  write(writes: readonly KvWrite[]): void {
    const db = this.db;
    db.transactionSync(() => {
      for (const w of writes) {
        if (w.op === "put") db.putSync(w.key, w.value);
        else if (w.op === "delete") db.removeSync(w.key);
        else for (const key of [...db.getKeys({ start: w.start, end: w.end })]) db.removeSync(key);
      }
    });
  }

  clear(): void {
    this.db.clearSync();
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/**
 * Opens (or creates) a state backend kept in an LMDB environment on disk, for state larger than
 * memory: the embedded durable backend. Needs the optional peer dependency `lmdb`, loaded here, so
 * that users of the in-memory backend install nothing native.
 *
 * Each stateful step needs its own backend (its own `path`). Data written before {@link
 * KvStateBackend.close} (or {@link KvStateBackend.flush}) is found again when the same path is
 * reopened; checkpoints remain the way to recover a consistent state after a crash.
 * @throws Error when `lmdb` is not installed, naming the package to add.
 * @example
 * ```ts
 * const backend = await openLmdbStateBackend({ path: "/var/lib/app/state/dedup" });
 * await pipeline.run({ stateBackend: () => backend });
 * await backend.close();
 * ```
 * @beta
 */
export async function openLmdbStateBackend(options: LmdbStateBackendOptions): Promise<KvStateBackend> {
  let lmdb: Lmdb;
  try {
    lmdb = await import("lmdb");
  } catch (e) {
    throw new Error(
      "openLmdbStateBackend needs the optional peer dependency `lmdb`; install it with `pnpm add lmdb`",
      { cause: e },
    );
  }
  const db = lmdb.open({
    path: options.path,
    keyEncoding: "binary",
    encoding: "binary",
    compression: false,
    noSync: options.noSync ?? false,
  });
  return new KvStateBackend(new LmdbKvStore(db), options);
}
