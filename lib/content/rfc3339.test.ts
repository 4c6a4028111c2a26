import { describe, expect, it } from "vitest";
import { instantOf, latestDate, toRfc3339 } from "./rfc3339";

describe("toRfc3339", () => {
  it.each([
    ["2025-10-22T12:19:01-05:00", "2025-10-22T12:19:01-05:00"],
    ["2025-10-22", "2025-10-22T00:00:00Z"],
    ["2025-10-22T09:00", "2025-10-22T09:00:00Z"],
    ["2025-10-22 09:00:30", "2025-10-22T09:00:30Z"],
    ["2025-10-22T09:00+0100", "2025-10-22T09:00:00+01:00"],
    ["2025-10-22T09:00:00.250Z", "2025-10-22T09:00:00.250Z"],
  ])("%s → %s", (input, expected) => {
    expect(toRfc3339(input)).toBe(expected);
    expect(Date.parse(toRfc3339(input))).toBe(instantOf(input));
  });
});

describe("latestDate", () => {
  it("compares instants, not strings, and returns the author's string", () => {
    // 23:30 at -05:00 is later than 01:00 the next day at +02:00.
    expect(latestDate(["2025-10-23T01:00:00+02:00", "2025-10-22T23:30:00-05:00", "2025-10-22"])).toBe("2025-10-22T23:30:00-05:00");
    expect(latestDate([])).toBeUndefined();
  });
});
