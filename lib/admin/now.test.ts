import { describe, expect, it } from "vitest";
import { nowInZone } from "./now";

describe("nowInZone", () => {
  it("writes the instant as the zone's wall clock with the zone's offset at that instant", () => {
    const instant = Date.parse("2026-07-01T12:00:05Z");
    expect(nowInZone("UTC", instant)).toBe("2026-07-01T12:00:05+00:00");
    expect(nowInZone("Europe/Paris", instant)).toBe("2026-07-01T14:00:05+02:00"); // summer time
    expect(nowInZone("Europe/Paris", Date.parse("2026-01-01T23:30:00Z"))).toBe("2026-01-02T00:30:00+01:00");
    expect(nowInZone("America/Chicago", instant)).toBe("2026-07-01T07:00:05-05:00");
    expect(nowInZone("Asia/Kolkata", instant)).toBe("2026-07-01T17:30:05+05:30");
  });
});
