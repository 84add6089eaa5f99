import { startBigQueryEmulator, type BigQueryEmulator } from "../../../../tools/emulators/emulators";

/**
 * Starts bqemulator for the integration tests (usable as a vitest globalSetup, and called from
 * the test file's beforeAll). Never skips: if the server cannot start, the error says how to
 * install it.
 */
export async function startEmulatorOrFail(): Promise<BigQueryEmulator> {
  process.env["METADATA_SERVER_DETECTION"] = "none";
  try {
    return await startBigQueryEmulator({ timeoutMs: 90_000 });
  } catch (err) {
    throw new Error(
      `io-bigquery integration tests need the local BigQuery emulator (bqemulator) and it did not start: ${
        err instanceof Error ? err.message : String(err)
      }\nInstall it with \`bash tools/emulators/install.sh bigquery\` from the repository root.`,
    );
  }
}
