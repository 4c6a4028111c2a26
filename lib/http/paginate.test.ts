import { describe, expect, it } from "vitest";
import { paginate, parsePageNumber } from "./paginate";

const items = Array.from({ length: 45 }, (_, i) => i);

describe("paginate", () => {
  it("slices the first, a middle and the last page", () => {
    expect(paginate(items, 1, 20)).toEqual({ items: items.slice(0, 20), page: 1, pages: 3 });
    expect(paginate(items, 2, 20)?.items).toEqual(Array.from({ length: 20 }, (_, i) => i + 20));
    expect(paginate(items, 3, 20)).toEqual({ items: [40, 41, 42, 43, 44], page: 3, pages: 3 });
  });

  it.each([0, -1, 4, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("answers null for page %s", (page) => {
    expect(paginate(items, page, 20)).toBeNull();
  });

  it("has exactly one (empty) page for an empty list", () => {
    expect(paginate([], 1, 20)).toEqual({ items: [], page: 1, pages: 1 });
    expect(paginate([], 2, 20)).toBeNull();
  });

  it("makes a full last page and no extra one", () => {
    expect(paginate(items.slice(0, 40), 2, 20)?.pages).toBe(2);
    expect(paginate(items.slice(0, 40), 3, 20)).toBeNull();
  });

  it("pages past 20 by default", () => {
    const twentyOne = items.slice(0, 21);
    expect(paginate(twentyOne, 1)).toMatchObject({ pages: 2 });
    expect(paginate(twentyOne, 1)?.items).toHaveLength(20);
    expect(paginate(twentyOne, 2)?.items).toEqual([20]);
    expect(paginate(items.slice(0, 20), 2)).toBeNull();
  });
});

describe("parsePageNumber", () => {
  it.each([
    ["1", 1],
    ["2", 2],
    ["10", 10],
    ["999999", 999999],
  ])("reads %j as %i", (segment, page) => {
    expect(parsePageNumber(segment)).toBe(page);
  });

  it.each(["01", "0", "-1", "abc", "", "1.0", "1e3", " 1", "2 ", "+2", "0x10", "1000000"])("refuses %j", (segment) => {
    expect(parsePageNumber(segment)).toBeNaN();
  });
});
