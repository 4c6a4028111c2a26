import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_PRERENDER_POSTS } from "@/lib/config/env";
import { listPagesToPrerender, PRERENDER_LIST_PAGES, prerenderLimit } from "./prerender";

afterEach(() => vi.unstubAllEnvs());

/** prerenderLimit() with FOLIO_PRERENDER_POSTS set to `value` (unset for undefined). */
function limitWith(value: string | undefined): number {
  vi.stubEnv("FOLIO_PRERENDER_POSTS", value);
  return prerenderLimit();
}

describe("prerenderLimit", () => {
  it("is the default when FOLIO_PRERENDER_POSTS is unset or blank", () => {
    expect(limitWith(undefined)).toBe(DEFAULT_PRERENDER_POSTS);
    expect(limitWith("  ")).toBe(DEFAULT_PRERENDER_POSTS);
  });

  it("takes a whole number, zero included", () => {
    expect(limitWith("200")).toBe(200);
    expect(limitWith("0")).toBe(0);
  });

  it("refuses anything else, naming the variable", () => {
    for (const bad of ["-1", "1.5", "many", "1e400"]) expect(() => limitWith(bad)).toThrow(/FOLIO_PRERENDER_POSTS/);
  });
});

describe("listPagesToPrerender", () => {
  it("is pages 2 to PRERENDER_LIST_PAGES of a long list, every further page of a short one, none of a one-page list", () => {
    expect(listPagesToPrerender(250)).toEqual(Array.from({ length: PRERENDER_LIST_PAGES - 1 }, (_, i) => i + 2));
    expect(listPagesToPrerender(3)).toEqual([2, 3]);
    expect(listPagesToPrerender(1)).toEqual([]);
    expect(listPagesToPrerender(0)).toEqual([]);
  });
});
