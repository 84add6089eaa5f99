import { startPubsubEmulator, type PubsubEmulator } from "../../../tools/emulators/emulators";

/** Starts pstest, failing (never skipping) with how to install it when it cannot start. */
export async function startTestEmulator(): Promise<PubsubEmulator> {
  process.env["METADATA_SERVER_DETECTION"] = "none";
  try {
    return await startPubsubEmulator();
  } catch (e) {
    throw new Error(
      "the io-pubsub integration tests need Google's Pub/Sub fake (pstest) and it could not start; " +
        "build it with `bash tools/emulators/install.sh pubsub` from the repository root.\n" +
        (e instanceof Error ? e.message : String(e)),
      { cause: e },
    );
  }
}
