import { describe, expect, it } from "vitest";

// The public API of lib/content, pinned the way rehype-slug pins its exports: adding, renaming or removing an export
// is a deliberate change to these lists. Everything outside lib/content imports through these two entries
// (tests/architecture.test.ts checks that); the modules behind them are internal. Types are erased at run time; tsc
// checks those.
const SHARED = ["byWeight", "dateTimeAttribute", "formatPostDate", "instantOf", "isPublic", "isValidSlug", "latestDate", "nextTransitionAt", "postHref", "postStatus", "postSummary", "termSlug", "termTitle", "toRfc3339", "typographer"];

const ENTRY = [
  ...SHARED,
  "INDEX_MAX_AGE_MS",
  "emptyFrontMatter",
  "readFrontMatter",
  "replaceBody",
  "setFrontMatterFields",
  "formatIssue",
  "frontMatterSchema",
  "getAdjacentPosts",
  "getAllPostsForAdmin",
  "getFeaturedPosts",
  "getPost",
  "getPostForPreview",
  "getPostsToPrerender",
  "getTermsToPrerender",
  "listPagesToPrerender",
  "getPostsWithTerm",
  "getPublishedPosts",
  "getRelatedPosts",
  "getTerm",
  "getTerms",
  "getTextDirection",
  "getTranslations",
  "hiddenByTheSite",
  "invalidateContentIndex",
  "loadContentIndex",
  "onContentChange",
  "parseOptionsFor",
  "parsePostFile",
  "pathWithSlug",
  "settleContentChange",
  "withFileModTime",
  "checkPostRender",
  "defaultRenderContext",
  "getPostText",
  "renderContextFor",
  "renderPost",
  "siteRenderContext",
  "warmRenderPool",
  "writeFeaturedFlag",
  // The site side of Hugo support: the route table, files, and the readers of a Hugo site's own pages.
  "canonicalPath",
  "findResource",
  "getSectionListing",
  "getSectionsToPrerender",
  "getSite",
  "getSiteAddresses",
  "getSitePage",
  "getTaxonomy",
  "getTermListing",
  "getTopLevelPages",
  "listedPosts",
  "resolvePath",
  "taxonomyTerms",
  "termSegment",
];

describe("lib/content public API", () => {
  it("@/lib/content exports exactly the expected names", async () => {
    expect(Object.keys(await import("@/lib/content")).sort()).toEqual([...ENTRY].sort());
  });

  it("@/lib/content/shared, the client-safe part, exports exactly the expected names", async () => {
    expect(Object.keys(await import("@/lib/content/shared")).sort()).toEqual([...SHARED].sort());
  });
});
