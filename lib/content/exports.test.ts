import { describe, expect, it } from "vitest";

// The public API of lib/content, pinned the way rehype-slug pins its exports: adding, renaming or removing an
// export is a deliberate change to this table. Types are erased at run time; tsc checks those.
const API: [module: string, load: () => Promise<object>, exports: string[]][] = [
  ["dates", () => import("./dates"), ["dateTimeAttribute", "formatPostDate"]],
  ["fences", () => import("./fences"), ["CLOSING_FENCE"]],
  ["load", () => import("./load"), ["INDEX_MAX_AGE_MS", "invalidateContentIndex", "loadContentIndex"]],
  ["mojibake", () => import("./mojibake"), ["findMojibake", "repairMojibake"]],
  ["nesting", () => import("./nesting"), ["MAX_BODY_NESTING", "findDeepNesting"]],
  ["parse", () => import("./parse"), ["MAX_FILE_BYTES", "MAX_FRONT_MATTER_BYTES", "formatIssue", "parsePostFile"]],
  [
    "posts",
    () => import("./posts"),
    [
      "getAdjacentPosts",
      "getAllPostsForAdmin",
      "getFeaturedPosts",
      "getPost",
      "getPostForPreview",
      "getPostsWithTerm",
      "getPublishedPosts",
      "getRelatedPosts",
      "getTerms",
    ],
  ],
  ["publish", () => import("./publish"), ["byNewest", "isPublic", "postStatus"]],
  ["render", () => import("./render"), ["remarkPlugins", "renderMarkdown", "renderPost"]],
  ["safety", () => import("./safety"), ["isSafeUrl", "rehypeSafeUrls", "remarkSafeJsx"]],
  ["schema", () => import("./schema"), ["KNOWN_FIELDS", "frontMatterSchema", "isValidSlug", "isoDateString", "normalizeIsoDate"]],
  ["terms", () => import("./terms"), ["collectTerms", "hasTerm", "termSlug"]],
];

describe("lib/content public API", () => {
  it.each(API)("%s exports exactly the expected names", async (_module, load, exports) => {
    expect(Object.keys(await load()).sort()).toEqual([...exports].sort());
  });
});
