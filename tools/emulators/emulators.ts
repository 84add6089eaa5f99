/**
 * Start the real local emulators (Pub/Sub: Google's pstest fake; BigQuery: bqemulator) from
 * Node test setup code. Each call spawns a fresh server on free 127.0.0.1 ports, waits for its
 * `READY ...` stdout line and returns the addresses plus an idempotent `stop()`.
 *
 * Prerequisite (once per machine): `bash tools/emulators/install.sh`.
 * See tools/emulators/README.md for how to point the Google Node clients at these servers.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const EMULATORS_DIR = fileURLToPath(new URL(".", import.meta.url));
const INSTALL_HINT = "run `bash tools/emulators/install.sh` from the repository root";

export const PSTEST_BINARY = join(EMULATORS_DIR, ".bin", "pstest-server");
export const BQ_PYTHON = join(EMULATORS_DIR, ".venv", "bin", "python");
export const BQ_LAUNCHER = join(EMULATORS_DIR, "bigquery", "launch.py");

export interface EmulatorOptions {
  /** How long to wait for the READY line (ms). */
  readonly timeoutMs?: number;
}

export interface PubsubEmulator {
  /** `127.0.0.1:PORT`: the value for PUBSUB_EMULATOR_HOST / the client's apiEndpoint. */
  readonly host: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export interface BigQueryEmulatorOptions extends EmulatorOptions {
  /** Default project id of the emulator (default `test-project`). */
  readonly projectId?: string;
}

export interface BigQueryEmulator {
  /** `http://127.0.0.1:PORT`: pass as `apiEndpoint` to `new BigQuery(...)`. */
  readonly restEndpoint: string;
  /** `127.0.0.1:PORT`: gRPC host of the Storage Write/Read API (insecure channel). */
  readonly storageHost: string;
  readonly projectId: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Children still alive when the test process exits are killed so no server is leaked. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  live.add(child);
  child.once("exit", () => live.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const c of live) c.kill("SIGKILL");
    });
  }
}

function stopper(child: ChildProcess, graceMs = 10_000): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
    return stopping;
  };
}

/** Resolves with the first stdout line that starts with `READY `; rejects on exit/timeout. */
function waitForReady(child: ChildProcess, name: string, timeoutMs: number): Promise<string> {
  const stdout = child.stdout;
  const stderr = child.stderr;
  if (stdout === null || stderr === null) {
    return Promise.reject(new Error(`${name} emulator: stdio pipes missing`));
  }
  stdout.setEncoding("utf8");
  stderr.setEncoding("utf8");
  let errTail = "";
  // Keep draining stderr for the whole life of the child so its pipe never fills up.
  stderr.on("data", (chunk: string) => {
    errTail = (errTail + chunk).slice(-4000);
  });
  return new Promise<string>((resolve, reject) => {
    let buf = "";
    let done = false;
    const finish = (err: Error | undefined, line?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.off("exit", onExit);
      child.off("error", onError);
      if (err !== undefined) {
        child.kill("SIGKILL");
        reject(err);
      } else {
        resolve(line ?? "");
      }
    };
    const describe = (what: string): Error =>
      new Error(
        `${name} emulator ${what}.` +
          (errTail.trim() === "" ? "" : `\n--- last stderr ---\n${errTail.trim()}`) +
          `\nIf it is not installed, ${INSTALL_HINT}.`,
      );
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      finish(describe(`exited before READY (code ${String(code)}, signal ${String(signal)})`));
    const onError = (err: Error): void => finish(describe(`failed to spawn: ${err.message}`));
    const timer = setTimeout(
      () => finish(describe(`did not print READY within ${String(timeoutMs)} ms`)),
      timeoutMs,
    );
    child.once("exit", onExit);
    child.once("error", onError);
    stdout.on("data", (chunk: string) => {
      if (done) return; // keep draining after READY
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line.startsWith("READY ")) {
          finish(undefined, line);
          return;
        }
      }
    });
  });
}

function requireFile(path: string, what: string): void {
  if (!existsSync(path)) {
    throw new Error(`${what} not found at ${path}: ${INSTALL_HINT}.`);
  }
}

/** Starts Google's pstest Pub/Sub fake on a free 127.0.0.1 port. */
export async function startPubsubEmulator(options: EmulatorOptions = {}): Promise<PubsubEmulator> {
  requireFile(PSTEST_BINARY, "Pub/Sub emulator binary (pstest-server)");
  // stdin is a pipe we never write to: if this process dies (even by SIGKILL) the pipe closes
  // and the server exits on its own (-exit-on-stdin-eof), so no emulator is leaked.
  const child = spawn(PSTEST_BINARY, ["-port", "0", "-exit-on-stdin-eof"], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, PSTEST_PORT: "0" },
  });
  track(child);
  const line = await waitForReady(child, "Pub/Sub", options.timeoutMs ?? 30_000);
  const host = line.slice("READY ".length).trim();
  if (!/^127\.0\.0\.1:\d+$/.test(host)) {
    await stopper(child)();
    throw new Error(`Pub/Sub emulator printed an unexpected READY line: ${line}`);
  }
  return { host, pid: child.pid ?? -1, stop: stopper(child) };
}

/** Starts bqemulator (REST + gRPC Storage API) on free 127.0.0.1 ports, offline. */
export async function startBigQueryEmulator(
  options: BigQueryEmulatorOptions = {},
): Promise<BigQueryEmulator> {
  requireFile(BQ_PYTHON, "BigQuery emulator venv (tools/emulators/.venv)");
  requireFile(BQ_LAUNCHER, "BigQuery emulator launcher");
  const projectId = options.projectId ?? "test-project";
  const child = spawn(
    BQ_PYTHON,
    [BQ_LAUNCHER, "--rest-port", "0", "--grpc-port", "0", "--project", projectId, "--exit-on-stdin-eof"],
    { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, PYTHONUNBUFFERED: "1" } },
  );
  track(child);
  const line = await waitForReady(child, "BigQuery", options.timeoutMs ?? 60_000);
  const fields = new Map<string, string>();
  for (const part of line.split(/\s+/).slice(1)) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const rest = fields.get("rest");
  const grpc = fields.get("grpc");
  if (rest === undefined || grpc === undefined) {
    await stopper(child)();
    throw new Error(`BigQuery emulator printed an unexpected READY line: ${line}`);
  }
  return {
    restEndpoint: `http://${rest}`,
    storageHost: grpc,
    projectId: fields.get("project") ?? projectId,
    pid: child.pid ?? -1,
    stop: stopper(child),
  };
}
