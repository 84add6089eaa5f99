import { describe, expect, it } from "vitest";
import { parseEventTimestamp } from "./EventTimestamp";

describe("parseEventTimestamp", () => {
  it.each([
    ["1704067200000", 1704067200000],
    ["0", 0],
    ["-1000", -1000],
    ["2024-01-01T00:00:00Z", 1704067200000],
    ["2024-01-01T00:00:00.123Z", 1704067200123],
    ["2024-01-01t00:00:00.5z", 1704067200500],
    ["2024-01-01T00:00:00.123456789Z", 1704067200123],
    ["2024-01-01T01:00:00+01:00", 1704067200000],
    ["2023-12-31T19:00:00.250-05:00", 1704067200250],
  ])("reads %s as %d", (text, expected) => {
    expect(parseEventTimestamp(text, "ts")).toEqual({ timestamp: expected });
  });

  it("says the attribute is missing", () => {
    expect(parseEventTimestamp(undefined, "event_time")).toEqual({
      error: 'timestamp attribute "event_time" is missing',
    });
  });

  it.each([
    "",
    "yesterday",
    "1.5",
    "1e12",
    "2024-01-01",
    "2024-01-01T00:00:00",
    "2024-13-01T00:00:00Z",
    "2024-01-01 00:00:00Z",
    " 1704067200000",
    "99999999999999999",
  ])("rejects %j with a reason that shows the accepted formats", (text) => {
    const r = parseEventTimestamp(text, "ts");
    expect(r).toHaveProperty("error");
    expect((r as { error: string }).error).toMatch(/"ts"/);
  });

  it("names the fix for an unreadable value", () => {
    expect(parseEventTimestamp("soon", "ts")).toEqual({
      error:
        'timestamp attribute "ts" is "soon", which is neither epoch milliseconds nor an RFC 3339 date-time; publish e.g. "1704067200000" or "2024-01-01T00:00:00Z"',
    });
  });

  it("shortens very long values in the reason", () => {
    const r = parseEventTimestamp("x".repeat(10_000), "ts") as { error: string };
    expect(r.error.length).toBeLessThan(300);
  });
});
