/**
 * Starts one pstest Pub/Sub server for the io-pubsub integration tests and hands its address to
 * them (`inject("pubsubEmulatorHost")`). Wire it with `globalSetup: ["test/globalSetup.ts"]` in
 * the io-pubsub vitest project; without it, each test file starts its own server
 * (see pubsubEmulator.ts).
 */
import type { TestProject } from "vitest/node";
import { startTestEmulator } from "./startTestEmulator";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const emulator = await startTestEmulator();
  project.provide("pubsubEmulatorHost", emulator.host);
  return () => emulator.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    pubsubEmulatorHost: string;
  }
}
