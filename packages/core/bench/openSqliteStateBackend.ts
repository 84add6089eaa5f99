import { KvStateBackend, type DurableStateBackendOptions } from "../src/runner/state/KvStateBackend";
import type { KvWrite, OrderedKvStore } from "../src/runner/state/OrderedKvStore";

/** What is used of better-sqlite3 (declared here so that its types need not be installed). */
interface Statement {
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): unknown;
  iterate(...params: unknown[]): IterableIterator<unknown>;
  pluck(): Statement;
  raw(): Statement;
}
interface Database {
  pragma(source: string): unknown;
  exec(source: string): unknown;
  prepare(source: string): Statement;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): unknown;
}
type DatabaseConstructor = new (path: string) => Database;

/**
 * Options of {@link openSqliteStateBackend}.
 * @beta
 */
export interface SqliteStateBackendOptions extends DurableStateBackendOptions {
  /** The database file (created if missing). One stateful step per file. */
  readonly path: string;
}

/** The byte-key store over one SQLite table (BLOB keys compare with memcmp). */
class SqliteKvStore implements OrderedKvStore {
  private readonly getStmt: Statement;
  private readonly rangeStmt: Statement;
  private readonly hasAnyStmt: Statement;
  private readonly putStmt: Statement;
  private readonly deleteStmt: Statement;
  private readonly deleteRangeStmt: Statement;
  private readonly clearStmt: Statement;
  private readonly writeTxn: (writes: readonly KvWrite[]) => void;

  constructor(private readonly db: Database) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec("CREATE TABLE IF NOT EXISTS kv (k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID");
    this.getStmt = db.prepare("SELECT v FROM kv WHERE k = ?").pluck();
    this.rangeStmt = db.prepare("SELECT k, v FROM kv WHERE k >= ? AND k < ? ORDER BY k").raw();
    this.hasAnyStmt = db.prepare("SELECT 1 FROM kv WHERE k >= ? AND k < ? LIMIT 1").pluck();
    this.putStmt = db.prepare("INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)");
    this.deleteStmt = db.prepare("DELETE FROM kv WHERE k = ?");
    this.deleteRangeStmt = db.prepare("DELETE FROM kv WHERE k >= ? AND k < ?");
    this.clearStmt = db.prepare("DELETE FROM kv");
    this.writeTxn = db.transaction((writes: readonly KvWrite[]) => {
      for (const w of writes) {
        if (w.op === "put") this.putStmt.run(w.key, w.value);
        else if (w.op === "delete") this.deleteStmt.run(w.key);
        else this.deleteRangeStmt.run(w.start, w.end);
      }
    });
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return (this.getStmt.get(key) as Uint8Array | undefined) ?? undefined;
  }

  *range(start: Uint8Array, end: Uint8Array): Iterable<readonly [Uint8Array, Uint8Array]> {
    // Materialized: better-sqlite3 forbids writes while a statement iterates.
    const rows = [...this.rangeStmt.iterate(start, end)] as [Uint8Array, Uint8Array][];
    yield* rows;
  }

  hasAny(start: Uint8Array, end: Uint8Array): boolean {
    return this.hasAnyStmt.get(start, end) !== undefined;
  }

  write(writes: readonly KvWrite[]): void {
    this.writeTxn(writes);
  }

  clear(): void {
    this.clearStmt.run();
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}

/**
 * Opens (or creates) a state backend kept in a SQLite database file (WAL mode): the candidate
 * that lost to LMDB (see README-state.md), kept here so that the benchmark can be rerun. Needs
 * `better-sqlite3`, which compiles a native addon on install (`pnpm add -D better-sqlite3` where
 * node-gyp can find Node's headers, e.g. `npm_config_nodedir=/usr`).
 * @throws Error when `better-sqlite3` is not installed, naming the package to add.
 * @internal
 */
export async function openSqliteStateBackend(options: SqliteStateBackendOptions): Promise<KvStateBackend> {
  let Sqlite: DatabaseConstructor;
  try {
    const name = "better-sqlite3";
    Sqlite = ((await import(name)) as { default: DatabaseConstructor }).default;
  } catch (e) {
    throw new Error(
      "openSqliteStateBackend needs the optional peer dependency `better-sqlite3`; install it with `pnpm add better-sqlite3`",
      { cause: e },
    );
  }
  return new KvStateBackend(new SqliteKvStore(new Sqlite(options.path)), options);
}
