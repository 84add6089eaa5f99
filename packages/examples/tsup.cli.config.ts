import { defineConfig } from "tsup";

/**
 * The runnable CLI: one ESM file with the @tributary packages bundled from their sources
 * (resolved through the root tsconfig's paths), so `pnpm start` needs no other package built.
 * Native and Google client packages stay external (they load files next to their code) and
 * resolve from this package's node_modules.
 */
export default defineConfig({
  entry: { cli: "src/cli.ts" },
  format: ["esm"],
  outDir: "dist",
  tsconfig: "tsconfig.json",
  platform: "node",
  target: "node20",
  noExternal: [/^(?!@duckdb\/|@google-cloud\/|@grpc\/|google-gax|google-auth-library|lmdb|better-sqlite3)/],
  sourcemap: true,
  clean: false,
  dts: false,
});
