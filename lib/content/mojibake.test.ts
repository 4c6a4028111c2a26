import { describe, expect, it } from "vitest";
import { findMojibake, repairMojibake } from "./mojibake";

describe("repairMojibake", () => {
  it.each([
    ["â€”", "—"],
    ["â€“", "–"],
    ["â€™", "’"],
    ["â€œ", "“"],
    ["â€¦", "…"],
    ["Ã©", "é"],
    ["Ã¼", "ü"],
    ["Â£", "£"],
    ["ðŸ˜€", "😀"],
  ])("%s → %s", (found, intended) => {
    expect(repairMojibake(found)).toBe(intended);
  });

  it.each(["abc", "é", "â€", "Ã(", "é—"])("answers undefined for %j, which is not mojibake", (text) => {
    expect(repairMojibake(text)).toBeUndefined();
  });
});

describe("findMojibake", () => {
  it("finds each piece with its line and column", () => {
    const text = "---\ntitle: Fine\n---\nNot the company â€” the person.\nThe cafÃ© and â€œquotesâ€\u009d.";
    expect(findMojibake(text)).toEqual([
      { line: 4, column: 17, found: "â€”", intended: "—" },
      { line: 5, column: 8, found: "Ã©", intended: "é" },
      { line: 5, column: 15, found: "â€œ", intended: "“" },
      { line: 5, column: 24, found: "â€\u009d", intended: "”" },
    ]);
  });

  it("counts lines the same with CRLF", () => {
    expect(findMojibake("one\r\ntwo\r\nthree â€” four")).toEqual([{ line: 3, column: 7, found: "â€”", intended: "—" }]);
  });

  it("leaves correct text alone", () => {
    expect(findMojibake("A real em dash — a café, a naïve résumé, São Paulo, “quotes”, 😀, £5 and ½.")).toEqual([]);
  });
});
