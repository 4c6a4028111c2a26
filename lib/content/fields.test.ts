import { describe, expect, it } from "vitest";
import { classifyKey, editDistance } from "./fields";

describe("editDistance", () => {
  it("counts a swap of neighbours as one slip, and stops past the limit", () => {
    expect(editDistance("drfat", "draft")).toBe(1);
    expect(editDistance("feautred", "featured")).toBe(1);
    expect(editDistance("pubishdate", "publishdate")).toBe(1);
    expect(editDistance("title", "title")).toBe(0);
    expect(editDistance("completely", "different", 2)).toBe(3);
  });
});

describe("classifyKey", () => {
  it.each([
    ["Title", { kind: "field", name: "title" }],
    ["pubdate", { kind: "field", name: "publishDate" }],
    ["PUBLISHED", { kind: "field", name: "publishDate" }],
    ["unpublishdate", { kind: "field", name: "expiryDate" }],
    ["modified", { kind: "field", name: "lastmod" }],
    ["linkTitle", { kind: "standard" }],
    ["resources", { kind: "standard" }],
    ["drfat", { kind: "typo", of: "draft", guarded: true }],
    ["feautred", { kind: "typo", of: "featured", guarded: true }],
    ["expirydat", { kind: "typo", of: "expiryDate", guarded: true }],
    ["keyword", { kind: "typo", of: "keywords", guarded: false }],
    ["image", { kind: "typo", of: "images", guarded: false }],
    ["card", { kind: "unknown" }],
    ["showToc", { kind: "unknown" }],
  ])("%s is %j", (key, kind) => {
    expect(classifyKey(key)).toEqual(kind);
  });

  it("knows the site's own taxonomies, and their near-misses", () => {
    expect(classifyKey("series", ["tags", "series"])).toEqual({ kind: "taxonomy", name: "series" });
    expect(classifyKey("FRtags", ["frtags"])).toEqual({ kind: "taxonomy", name: "frtags" });
    expect(classifyKey("seires", ["series"])).toMatchObject({ kind: "typo", of: "series", guarded: false });
  });
});
