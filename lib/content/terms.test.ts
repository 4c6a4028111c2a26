import { describe, expect, it } from "vitest";
import { collectTerms, hasTerm, termSlug, termTitle } from "./terms";

describe("termSlug", () => {
  it.each([
    ["partnerships", "partnerships"],
    ["Business Development", "business-development"],
    ["Café", "cafe"],
    ["  --Go-to-Market!--  ", "go-to-market"],
    ["C++ & Rust", "c-rust"],
    ["Q4 2025", "q4-2025"],
    ["naïve   résumé", "naive-resume"],
    ["日本", ""],
  ])("%j → %j", (name, slug) => {
    expect(termSlug(name)).toBe(slug);
  });
});

describe("hasTerm", () => {
  it("compares by slug", () => {
    expect(hasTerm(["Business Development", "sales"], "business-development")).toBe(true);
    expect(hasTerm(["Strategy"], "strategy")).toBe(true);
    expect(hasTerm(["Strategy"], "Strategy")).toBe(false);
    expect(hasTerm([], "strategy")).toBe(false);
  });
});

describe("collectTerms", () => {
  it("counts each list once per term, most used first, keeping the first spelling", () => {
    const lists = [["Strategy", "sales"], ["strategy"], ["Sales", "Strategy", "strategy"], ["partnerships"], []];
    expect(collectTerms(lists)).toEqual([
      { slug: "strategy", name: "Strategy", count: 3 },
      { slug: "sales", name: "sales", count: 2 },
      { slug: "partnerships", name: "partnerships", count: 1 },
    ]);
  });

  it("breaks ties by slug and skips names with no slug", () => {
    expect(collectTerms([["beta", "alpha", "!!!"], ["日本"]])).toEqual([
      { slug: "alpha", name: "alpha", count: 1 },
      { slug: "beta", name: "beta", count: 1 },
    ]);
  });

  it("returns [] for no lists", () => {
    expect(collectTerms([])).toEqual([]);
  });
});

describe("termTitle", () => {
  it("keeps the author's spelling when it has capitals, and title-cases a lower-case name", () => {
    expect(termTitle("B2B Sales")).toBe("B2B Sales");
    expect(termTitle("iOS")).toBe("iOS");
    expect(termTitle("strategy")).toBe("Strategy");
    expect(termTitle("sales and marketing")).toBe("Sales and Marketing");
    expect(termTitle("the long game")).toBe("The Long Game");
    expect(termTitle("co-selling")).toBe("Co-selling");
  });
});
