import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { defineConfig } from "tsup";

const src = (p: string): string => fileURLToPath(new URL(`../../../${p}`, import.meta.url));

/**
 * Bundles the kill test's child pipeline and the long-run script for Node 20 (no TypeScript
 * stripping there): workspace packages from their sources, the Google clients and DuckDB left
 * external (resolved from packages/io-bigquery/node_modules, next to the output).
 * Run from packages/io-bigquery: `tsup --config test/exactlyOnce/tsup.config.ts`.
 */
export default defineConfig({
  entry: {
    pipeline: "test/exactlyOnce/pipeline.ts",
    longRun: "test/exactlyOnce/longRun.ts",
  },
  outDir: "node_modules/.exactly-once", // ignored by git and linters; resolves the externals next to it
  format: ["esm"],
  target: "node20",
  platform: "node",
  clean: true,
  dts: false,
  sourcemap: true,
  silent: true,
  noExternal: [/^@tributary\//, "immutable"],
  external: [
    "@google-cloud/pubsub",
    "@google-cloud/bigquery",
    "@google-cloud/bigquery-storage",
    "@grpc/grpc-js",
    "@duckdb/node-api",
  ],
  // tools/emulators/emulators.ts finds its binaries next to itself (import.meta.url): keep its
  // own location when it is bundled elsewhere.
  esbuildPlugins: [
    {
      name: "emulators-import-meta-url",
      setup(build) {
        build.onLoad({ filter: /tools\/emulators\/emulators\.ts$/ }, async (args) => ({
          contents: (await readFile(args.path, "utf8")).replaceAll(
            "import.meta.url",
            JSON.stringify(pathToFileURL(args.path).href),
          ),
          loader: "ts",
        }));
      },
    },
  ],
  esbuildOptions(options) {
    options.alias = {
      "@tributary/core": src("core/src/index.ts"),
      "@tributary/io-pubsub": src("io-pubsub/src/index.ts"),
      "@tributary/io-bigquery": src("io-bigquery/src/index.ts"),
    };
  },
});
