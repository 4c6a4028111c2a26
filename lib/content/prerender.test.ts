import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_PRERENDER_POSTS } from "@/lib/config/env";
import { prerenderLimit } from "./prerender";

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
