import { describe, expect, it } from "vitest";
import { formatNumber, formatTable, percentile, ratio, verdict, type Row } from "./stats";

describe("percentile (nearest rank)", () => {
  it("picks the sample at the rank, whatever the order", () => {
    const samples = [5, 1, 4, 2, 3];
    expect(percentile(samples, 50)).toBe(3);
    expect(percentile(samples, 95)).toBe(5);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile(samples, 100)).toBe(5);
  });

  it("leaves the slowest one of twenty out of p95", () => {
    const samples = [...Array.from({ length: 19 }, (_, i) => i + 1), 500];
    expect(percentile(samples, 95)).toBe(19);
  });

  it("is NaN for no samples", () => {
    expect(percentile([], 95)).toBeNaN();
  });
});

describe("ratio and verdict", () => {
  const row = (folio: number | null, anchor: number | null, budget?: Row["budget"]): Row => ({ id: "x", figure: "x", unit: "", folio, anchor: { name: "a", value: anchor }, budget });

  it("divides Folio by the anchor, and gives up on a missing or zero anchor", () => {
    expect(ratio(row(50, 200))).toBe(0.25);
    expect(ratio(row(50, 0))).toBeNull();
    expect(ratio(row(null, 10))).toBeNull();
  });

  it("judges a ratio budget on the ratio and a value budget on the value", () => {
    expect(verdict(row(20, 100, { on: "ratio", op: ">=", limit: 0.1, text: "" }))).toBe("pass");
    expect(verdict(row(5, 100, { on: "ratio", op: ">=", limit: 0.1, text: "" }))).toBe("fail");
    expect(verdict(row(150, null, { on: "value", op: "<=", limit: 150, text: "" }))).toBe("pass");
    expect(verdict(row(151, null, { on: "value", op: "<=", limit: 150, text: "" }))).toBe("fail");
  });

  it("says n/a without a budget or a measurement", () => {
    expect(verdict(row(1, 1))).toBe("n/a");
    expect(verdict(row(null, 1, { on: "value", op: "<=", limit: 1, text: "" }))).toBe("n/a");
  });
});

describe("formatting", () => {
  it("rounds by magnitude and separates thousands", () => {
    expect(formatNumber(41059.4, "req/s")).toBe("41,059 req/s");
    expect(formatNumber(14.84)).toBe("14.8");
    expect(formatNumber(0.2171)).toBe("0.217");
    expect(formatNumber(null)).toBe("–");
  });

  it("pads a table's columns to the widest cell", () => {
    expect(formatTable(["a", "bb"], [["ccc", "d"]])).toBe("| a   | bb |\n|-----|----|\n| ccc | d  |");
  });
});
