import { describe, expect, it } from "vitest";
import { DEFAULT_PRERENDER_POSTS, prerenderLimit } from "./prerender";

describe("prerenderLimit", () => {
  it("is the default when FOLIO_PRERENDER_POSTS is unset or blank", () => {
    expect(prerenderLimit(undefined)).toBe(DEFAULT_PRERENDER_POSTS);
    expect(prerenderLimit("  ")).toBe(DEFAULT_PRERENDER_POSTS);
  });

  it("takes a whole number, zero included", () => {
    expect(prerenderLimit("200")).toBe(200);
    expect(prerenderLimit("0")).toBe(0);
  });

  it("refuses anything else, naming the variable", () => {
    for (const bad of ["-1", "1.5", "many", "1e400"]) expect(() => prerenderLimit(bad)).toThrow(/FOLIO_PRERENDER_POSTS/);
  });
});
