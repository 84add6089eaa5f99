import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { childArgv, type ChildArgs, type Measurement } from "./Measurement";

/** What one child process gave: its measurement, or why there is none. @public */
export interface ChildResult {
  readonly measurement?: Measurement;
  readonly failure?: string;
}

/**
 * Runs one measurement in a fresh child process (`node <nodeFlags> <script> <args>`) and parses
 * the JSON line it prints last; kills it after `timeoutSec`.
 * @public
 */
export function runChild(
  script: string,
  nodeFlags: readonly string[],
  args: ChildArgs,
  timeoutSec: number,
): Promise<ChildResult> {
  return new Promise((resolve) => {
    if (!existsSync(script)) {
      resolve({ failure: `not built (${script}): the example pipelines did not compile` });
      return;
    }
    const child = spawn(process.execPath, [...nodeFlags, script, ...childArgv(args)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutSec * 1000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve({ measurement: JSON.parse(out.trim().split("\n").pop()!) as Measurement });
      } else if (signal === "SIGKILL") {
        resolve({ failure: `timeout > ${timeoutSec}s` });
      } else {
        resolve({ failure: `failed: ${err.trim().split("\n")[0] ?? code}` });
      }
    });
  });
}
