import { createHash } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";

const MAGIC = Buffer.from("TRIBCKP1");
const HEADER = MAGIC.length + 8 + 4 + 32; // magic, sequence, payload length, sha-256 of the payload
const NAME = /^checkpoint-(\d{12})\.bin$/;

/** One stored checkpoint. @public */
export interface StoredCheckpoint {
  readonly sequence: number;
  readonly payload: Uint8Array;
}

/**
 * Keeps checkpoints in a directory, each written atomically: a temporary file is written and
 * fsynced, renamed into place, and the directory fsynced. Every file carries a checksum, so a
 * torn or corrupt checkpoint is recognised and skipped, never half-loaded.
 * @example
 * ```ts
 * const store = new CheckpointStore("./checkpoints");
 * await store.write(runner.checkpoint());
 * const latest = await store.latest(); // the newest complete checkpoint, or undefined
 * ```
 * @public
 */
export class CheckpointStore {
  private nextSequence: number | undefined;

  /** @param keep how many complete checkpoints to keep (the newest ones); at least 1. */
  constructor(
    readonly directory: string,
    private readonly keep = 2,
  ) {
    if (!(keep >= 1)) throw new RangeError(`keep must be at least 1, got ${keep}`);
  }

  /**
   * Writes `payload` as the next checkpoint; resolves once it is durable. Returns its sequence
   * number. `beforeRename` runs between writing the temporary file and renaming it (a failpoint).
   */
  async write(payload: Uint8Array, beforeRename: () => void = () => undefined): Promise<number> {
    await mkdir(this.directory, { recursive: true });
    const sequence = (this.nextSequence ??= ((await this.sequences())[0] ?? 0) + 1);
    this.nextSequence = sequence + 1;
    const header = Buffer.alloc(HEADER);
    MAGIC.copy(header, 0);
    header.writeDoubleBE(sequence, MAGIC.length);
    header.writeUInt32BE(payload.length, MAGIC.length + 8);
    createHash("sha256")
      .update(payload)
      .digest()
      .copy(header, MAGIC.length + 12);
    const name = `checkpoint-${String(sequence).padStart(12, "0")}.bin`;
    const tmp = join(this.directory, `.${name}.tmp`);
    const file = await open(tmp, "w");
    try {
      // Two writes from the current position: no copy of the payload into one buffer.
      await file.writeFile(header);
      await file.writeFile(payload);
      await file.sync();
    } finally {
      await file.close();
    }
    beforeRename();
    await rename(tmp, join(this.directory, name));
    const dir = await open(this.directory, "r");
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    for (const old of (await this.sequences()).slice(this.keep)) {
      await rm(join(this.directory, `checkpoint-${String(old).padStart(12, "0")}.bin`), { force: true });
    }
    return sequence;
  }

  /** The newest complete checkpoint; torn or corrupt files are skipped. */
  async latest(): Promise<StoredCheckpoint | undefined> {
    for (const sequence of await this.sequences()) {
      const payload = await this.read(sequence);
      if (payload) return { sequence, payload };
    }
    return undefined;
  }

  /** Sequence numbers of the checkpoint files present, newest first (complete or not). */
  private async sequences(): Promise<number[]> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch {
      return [];
    }
    return names
      .map((n) => NAME.exec(n)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => b - a);
  }

  private async read(sequence: number): Promise<Uint8Array | undefined> {
    const bytes = await readFile(
      join(this.directory, `checkpoint-${String(sequence).padStart(12, "0")}.bin`),
    );
    if (bytes.length < HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    if (bytes.readDoubleBE(MAGIC.length) !== sequence) return undefined;
    const length = bytes.readUInt32BE(MAGIC.length + 8);
    if (bytes.length !== HEADER + length) return undefined;
    // A plain Uint8Array view of the file's bytes, not a copy (nor a Buffer, whose slice() does not copy).
    const payload = new Uint8Array(bytes.buffer, bytes.byteOffset + HEADER, length);
    const digest = createHash("sha256").update(payload).digest();
    if (!digest.equals(bytes.subarray(MAGIC.length + 12, HEADER))) return undefined;
    return payload;
  }
}
