import { describe, expect, it } from "vitest";
import { dateTimeAttribute, formatPostDate } from "./dates";

describe("formatPostDate", () => {
  it.each([
    // 04:30 UTC on the 23rd, but the author wrote the 22nd: show the 22nd.
    ["2025-10-22T23:30:00-05:00", "October 22, 2025"],
    // 23:00 UTC on the 22nd, but the author wrote the 23rd: show the 23rd.
    ["2025-10-23T01:00:00+02:00", "October 23, 2025"],
    ["2025-10-22", "October 22, 2025"],
    ["2025-01-05", "January 5, 2025"],
    ["2025-12-31T23:59:59Z", "December 31, 2025"],
    ["2099-02-01 08:00", "February 1, 2099"],
  ])("%s → %s", (iso, shown) => {
    expect(formatPostDate(iso)).toBe(shown);
  });

  it("does not depend on the process time zone", () => {
    const tz = process.env.TZ;
    try {
      for (const zone of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"]) {
        process.env.TZ = zone;
        expect(formatPostDate("2025-10-22T23:30:00-05:00")).toBe("October 22, 2025");
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it("throws on a string that is not an ISO date", () => {
    expect(() => formatPostDate("yesterday")).toThrow("not an ISO 8601 date: yesterday");
  });
});

describe("dateTimeAttribute", () => {
  it.each([
    ["2025-10-22T23:30:00-05:00", "2025-10-22T23:30:00-05:00"],
    ["2025-10-22", "2025-10-22"],
    [" 2025-10-22 12:19:01Z ", "2025-10-22T12:19:01Z"],
  ])("%j → %j", (iso, attribute) => {
    expect(dateTimeAttribute(iso)).toBe(attribute);
  });
});
