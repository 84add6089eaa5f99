import { describe, expect, it } from "vitest";
import { NO_FIRING, paneInfo } from "../values/PaneInfo";
import { decodeFromBytes } from "./decodeFromBytes";
import { encodeToBytes } from "./encodeToBytes";
import { paneInfoCoder } from "./paneInfoCoder";
import { checkCoderLaws } from "./testing/coderLaws";
import { panes } from "./testing/panes";

describe("paneInfoCoder", () => {
  it("round-trips every valid pane exactly", () => {
    checkCoderLaws(paneInfoCoder, panes);
  });

  it("writes Beam's bytes for common panes", () => {
    expect([...encodeToBytes(paneInfoCoder, NO_FIRING)]).toEqual([0x0f]);
    // First on-time pane, final: FIRST encoding, timing 1, first and last bits.
    expect([...encodeToBytes(paneInfoCoder, paneInfo(true, true, "ON_TIME", 0, 0))]).toEqual([0x07]);
    // Third early pane: ONE_INDEX, index 2 (nonSpeculativeIndex -1 implied by EARLY).
    expect([...encodeToBytes(paneInfoCoder, paneInfo(false, false, "EARLY", 2, -1))]).toEqual([0x10, 2]);
    // Late pane after two early ones: TWO_INDICES, index 3, nonSpeculativeIndex 1.
    expect([...encodeToBytes(paneInfoCoder, paneInfo(false, true, "LATE", 3, 1))]).toEqual([0x2a, 3, 1]);
  });

  it("decodes NO_FIRING to the shared constant", () => {
    expect(decodeFromBytes(paneInfoCoder, new Uint8Array([0x0f]))).toBe(NO_FIRING);
  });

  it("rejects invalid panes and unknown encodings", () => {
    expect(() => encodeToBytes(paneInfoCoder, paneInfo(false, false, "ON_TIME", 1, -1))).toThrow(
      new RangeError(
        "paneInfoCoder cannot encode PaneInfo(ON_TIME, index=1, nonSpeculativeIndex=-1): invalid nonSpeculativeIndex",
      ),
    );
    expect(() => encodeToBytes(paneInfoCoder, paneInfo(false, false, "LATE", -2, -2))).toThrow(
      /invalid timing or index/,
    );
    expect(() => decodeFromBytes(paneInfoCoder, new Uint8Array([0x3f]))).toThrow(
      new RangeError("paneInfoCoder: unknown encoding 3 in byte 63 at offset 0"),
    );
  });

  it("is deterministic and prints itself", () => {
    expect(paneInfoCoder.deterministic).toBe(true);
    expect(String(paneInfoCoder)).toBe("paneInfoCoder");
  });
});
