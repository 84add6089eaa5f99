export * from "./Instant";
export * from "./Duration";
