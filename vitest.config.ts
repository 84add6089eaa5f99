import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (p: string): string => fileURLToPath(new URL(`./packages/${p}`, import.meta.url));

/** Workspace packages resolve to their sources, so tests need no build. */
const alias = {
  "@tributary/core/testing": src("core/src/testing/index.ts"),
  "@tributary/core": src("core/src/index.ts"),
  "@tributary/io-pubsub": src("io-pubsub/src/index.ts"),
  "@tributary/io-bigquery": src("io-bigquery/src/index.ts"),
  "@tributary/examples": src("examples/src/index.ts"),
};

export default defineConfig({
  test: {
    projects: ["core", "io-pubsub", "io-bigquery", "examples", "bench"].map((name) => ({
      resolve: { alias },
      test: {
        name,
        root: src(name),
        include: ["src/**/*.test.ts", "test/**/*.test.ts"],
        testTimeout: 60_000,
        // Packages that talk to a local server start it once for their tests.
        ...(existsSync(src(`${name}/test/globalSetup.ts`)) && { globalSetup: ["test/globalSetup.ts"] }),
      },
    })),
  },
});
