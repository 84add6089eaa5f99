import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { parseChildEvent, preciseNow, type ChildEvent } from "./ChildEvent";

type EventOf<K extends ChildEvent["event"]> = Extract<ChildEvent, { event: K }>;

/**
 * One started recovery child (`recovery-child.js`): its {@link ChildEvent}s as they arrive, a way
 * to wait for the next one of a kind, and SIGKILL. `spawnedAt` is taken just before the spawn,
 * on the same clock as the events' `at`.
 * @public
 */
export class RecoveryChildProcess {
  readonly spawnedAt: number;
  private readonly child: ChildProcess;
  private readonly events: ChildEvent[] = [];
  private readonly waiters: Array<() => void> = [];
  private stderr = "";
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;

  /** @param onEvent called with each event as it arrives, and all events so far (it is the last). */
  constructor(
    script: string,
    args: readonly string[],
    nodeFlags: readonly string[] = [],
    onEvent: (event: ChildEvent, events: readonly ChildEvent[]) => void = () => undefined,
  ) {
    this.spawnedAt = preciseNow();
    this.child = spawn(process.execPath, [...nodeFlags, script, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    createInterface({ input: this.child.stdout! }).on("line", (line) => {
      const event = parseChildEvent(line);
      if (event) {
        this.events.push(event);
        onEvent(event, this.events);
      }
      this.wake();
    });
    this.child.stderr!.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.once("exit", (code, signal) => {
        this.exit = { code, signal };
        this.wake();
        resolve();
      }),
    );
  }

  /**
   * Resolves with the first event of kind `kind` after `from` (an index into the events seen so
   * far) and its index, so that a caller can wait for the next one after it.
   * @throws Error when the child exits first, or after `timeoutMillis`.
   */
  async next<K extends ChildEvent["event"]>(
    kind: K,
    from = 0,
    timeoutMillis = 600_000,
  ): Promise<{ event: EventOf<K>; index: number }> {
    const deadline = preciseNow() + timeoutMillis;
    for (;;) {
      for (let i = from; i < this.events.length; i++) {
        const e = this.events[i]!;
        if (e.event === kind) return { event: e as EventOf<K>, index: i };
      }
      if (this.exit) {
        throw new Error(
          `recovery child exited (code ${this.exit.code}, signal ${this.exit.signal}) before "${kind}"\n${this.stderr}`,
        );
      }
      const left = deadline - preciseNow();
      if (left <= 0) throw new Error(`recovery child: no "${kind}" within ${timeoutMillis} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Every event seen so far. */
  seen(): readonly ChildEvent[] {
    return this.events;
  }

  /** Sends SIGKILL and resolves once the process is gone. */
  async kill(): Promise<void> {
    if (!this.exit) this.child.kill("SIGKILL");
    await this.exited;
  }

  /**
   * Resolves once the child exits by itself.
   * @throws Error with its stderr when it exits with a non-zero code or by a signal.
   */
  async exitedCleanly(): Promise<void> {
    await this.exited;
    if (this.exit?.code !== 0) {
      throw new Error(
        `recovery child failed (code ${this.exit?.code}, signal ${this.exit?.signal})\n${this.stderr}`,
      );
    }
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
