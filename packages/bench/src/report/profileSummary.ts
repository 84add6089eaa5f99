import { readFileSync } from "node:fs";

interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One row of a profile summary: self time of a function or of a source file. @public */
export interface ProfileRow {
  readonly name: string;
  readonly selfPercent: number;
}

/**
 * Maps lines of the bundled `dist/child.js` back to source files, from the `// path` comments
 * esbuild writes before each module.
 */
function moduleOfLine(bundlePath: string): (line: number) => string {
  const lines = readFileSync(bundlePath, "utf8").split("\n");
  const starts: Array<{ line: number; module: string }> = [];
  lines.forEach((text, i) => {
    const m = /^\/\/ (\S+\.ts)$/.exec(text);
    if (m)
      starts.push({
        line: i,
        module: m[1]!
          .replace(/^(\.\.\/)+/, "")
          .replace(/^.*?\/(core|examples)\/src\//, "$1/src/")
          .replace(/^packages\//, ""),
      });
  });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = "?";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]!.line <= line) {
        found = starts[mid]!.module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/**
 * Self time by function and by source file of a `.cpuprofile` taken of a bench child, counting
 * only the samples in `[fromMicros, toMicros]` (the run, not the input generation). Functions
 * of the bundles in `distDir` are named after their source module.
 * @public
 */
export function summarizeProfile(
  profilePath: string,
  distDir: string,
  fromMicros: number,
  toMicros: number,
  top = 20,
): { functions: ProfileRow[]; files: ProfileRow[] } {
  const profile = JSON.parse(readFileSync(profilePath, "utf8")) as CpuProfile;
  const moduleMaps = new Map<string, (line: number) => string>();
  const moduleOf = (url: string, line: number): string => {
    const file = url.replace(/^file:\/\//, "");
    if (!file.startsWith(distDir) || !file.endsWith(".js")) return url.replace(/^.*node_modules\//, "");
    let map = moduleMaps.get(file);
    if (!map) moduleMaps.set(file, (map = moduleOfLine(file)));
    return map(line);
  };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map<number, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < fromMicros || t > toMicros) continue;
    const id = profile.samples[i]!;
    hits.set(id, (hits.get(id) ?? 0) + 1);
  }
  let total = 0;
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const [id, n] of hits) {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const file = url === "" ? `(${functionName || "vm"})` : moduleOf(url, lineNumber);
    const fn = `${functionName || "(anonymous)"} — ${file}`;
    total += n;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + n);
    byFile.set(file, (byFile.get(file) ?? 0) + n);
  }
  const rows = (m: Map<string, number>): ProfileRow[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => ({ name, selfPercent: (100 * n) / total }));
  return { functions: rows(byFunction), files: rows(byFile) };
}
