import { describe, expect, it } from "vitest";
import { IntervalWindow } from "../windowing/IntervalWindow";
import { GlobalWindow } from "../windowing/GlobalWindow";
import { decodeFromBytes } from "./decodeFromBytes";
import { encodeToBytes } from "./encodeToBytes";
import { globalWindowCoder } from "./globalWindowCoder";

describe("globalWindowCoder", () => {
  it("encodes the global window as zero bytes and decodes the one instance", () => {
    const bytes = encodeToBytes(globalWindowCoder, GlobalWindow.INSTANCE);
    expect(bytes.length).toBe(0);
    expect(decodeFromBytes(globalWindowCoder, bytes)).toBe(GlobalWindow.INSTANCE);
    expect(() => decodeFromBytes(globalWindowCoder, new Uint8Array([0]))).toThrow(/1 trailing byte/);
  });

  it("rejects other windows", () => {
    expect(() =>
      encodeToBytes(globalWindowCoder, new IntervalWindow(0, 1) as unknown as GlobalWindow),
    ).toThrow(new TypeError("globalWindowCoder cannot encode an instance of class IntervalWindow"));
  });

  it("is deterministic and prints itself", () => {
    expect(globalWindowCoder.deterministic).toBe(true);
    expect(String(globalWindowCoder)).toBe("globalWindowCoder");
  });
});
