import "server-only";

/**
 * lib/content's one entry: the readers, the markdown pipeline, the loader for scripts and the admin, and the
 * front-matter write. Everything outside lib/content imports from here (or, for client-safe helpers, from
 * ./shared); the modules behind it are internal. lib/content/exports.test.ts pins this list.
 */
export * from "./shared";
export { hiddenByTheSite, invalidateContentIndex, INDEX_MAX_AGE_MS, loadContentIndex, onContentChange, parseOptionsFor, pathWithSlug, settleContentChange, withFileModTime, type ContentIndex, type FileReport } from "./load";
export { formatIssue, parsePostFile, type ContentIssue } from "./parse";
export { frontMatterSchema } from "./schema";
export {
  getAdjacentPosts,
  getAllPostsForAdmin,
  getFeaturedPosts,
  getPost,
  getPostForPreview,
  getPostsWithTerm,
  getPublishedPosts,
  getRelatedPosts,
  getTerm,
  getTerms,
  getTranslations,
  type Version,
} from "./posts";
export { getPostsToPrerender, getTermsToPrerender, listPagesToPrerender } from "./prerender";
export { defaultRenderContext, warmRenderPool, type RenderContext } from "./render";
export { renderContextFor, siteRenderContext } from "./render-context";
export { checkPostRender, getPostText, renderPost } from "./site-render";
export { findResource, type Resource } from "./resources";
export { getSectionListing, getSectionsToPrerender, getSite, getSiteAddresses, getSitePage, getTaxonomy, getTermListing, getTextDirection, getTopLevelPages, type Listing } from "./site-pages";
export { canonicalPath, listedPosts, resolvePath, taxonomyTerms, termSegment, type Resolution, type RouteTarget } from "./routes";
export {
  emptyFrontMatter,
  readFrontMatter,
  replaceBody,
  setFrontMatterFields,
  type EditResult,
  type FieldChanges,
  type FieldValue,
  type FrontMatterFormat,
} from "./front-matter";
export { writeFeaturedFlag, type ChangeRecorder, type FlagChange, type SetFeaturedResult } from "./write";
