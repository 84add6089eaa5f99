import { fileURLToPath } from "node:url";
import { defineConfig, type Options } from "tsup";

/**
 * The bench runs from dist: `run.js` (the driver) spawns `child.js` (Nexmark) or
 * `child-examples.js` (the example pipelines) once per measurement. Core and examples are
 * bundled from their sources — the working tree by default, or the tree at BENCH_SOURCES (a
 * directory holding core/src and examples/src, e.g. a `git archive` of a commit) so a
 * measurement is not disturbed by edits in progress. BENCH_SOURCES_LABEL names it in REPORT.md.
 * `recovery.js` (the recovery measurement) spawns and kills `recovery-child.js`. `ab.js` (comparing
 * runner versions) builds children of its own with this configuration, one per version.
 * The examples are a separate build, so a broken examples tree does not stop the Nexmark bench.
 */
const packages = process.env["BENCH_SOURCES"] ?? fileURLToPath(new URL("..", import.meta.url));
const label = process.env["BENCH_SOURCES_LABEL"] ?? "working tree";
const workspace = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

const common: Options = {
  format: ["esm"],
  tsconfig: "tsconfig.json",
  sourcemap: true,
  target: "node20",
  noExternal: [/^@tributary\//, /^immutable/],
  // Other packages the sources import (e.g. the examples' native DuckDB binding) stay external.
  external: [/^(?!@tributary\/|immutable)[^./]/],
  define: { __BENCH_SOURCES__: JSON.stringify(label) },
  esbuildOptions(options) {
    options.alias = {
      "@tributary/core": `${packages}/core/src/index.ts`,
      "@tributary/examples": `${packages}/examples/src/index.ts`,
      // A snapshot holds core and examples only: the connectors the examples import come from
      // the workspace.
      "@tributary/io-pubsub": workspace("io-pubsub/src/index.ts"),
      "@tributary/io-bigquery": workspace("io-bigquery/src/index.ts"),
    };
    // A snapshot outside the workspace still finds the packages' dependencies (immutable, DuckDB).
    options.nodePaths = ["core", "examples", "io-pubsub", "io-bigquery"].map((p) =>
      workspace(`${p}/node_modules`),
    );
  },
};

const build = process.env["BENCH_BUILD"];
export default defineConfig(
  build === "examples"
    ? { ...common, entry: { "child-examples": "src/childExamples.ts" }, clean: false }
    : build === "recovery-test"
      ? // The recovery test's child, built from the working tree where no one else reads it.
        {
          ...common,
          entry: { "recovery-child": "src/recoveryChild.ts" },
          outDir: "node_modules/.recovery-test",
          clean: true,
        }
      : {
          ...common,
          entry: {
            run: "src/run.ts",
            ab: "src/ab.ts",
            child: "src/child.ts",
            recovery: "src/recovery.ts",
            "recovery-child": "src/recoveryChild.ts",
          },
          clean: true,
        },
);
