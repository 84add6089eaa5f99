import { defineConfig } from "tsup";

/**
 * The runnable CLI: one self-contained ESM file with @tributary/core bundled from its sources
 * (resolved through the root tsconfig's paths), so `pnpm start` needs no other package built.
 */
export default defineConfig({
  entry: { cli: "src/cli.ts" },
  format: ["esm"],
  outDir: "dist",
  tsconfig: "tsconfig.json",
  platform: "node",
  target: "node20",
  noExternal: [/.*/],
  sourcemap: true,
  clean: false,
  dts: false,
});
