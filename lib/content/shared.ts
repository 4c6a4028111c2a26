/**
 * The part of lib/content that any bundle may import, a browser's included: pure functions of a post's fields
 * (dates, term slugs, status) and the Post types, with no file system and no `server-only`. Components import their
 * helpers from here, so a presentational component never drags the loader and the markdown pipeline into its bundle;
 * everything else imports `@/lib/content`, which re-exports all of this.
 */
export { dateTimeAttribute, formatPostDate } from "./dates";
export { postHref } from "./links";
export { byWeight, isPublic, nextTransitionAt, postStatus, type PostStatus } from "./publish";
export { instantOf, latestDate, toRfc3339 } from "./rfc3339";
export { isValidSlug, type FrontMatter, type Post } from "./schema";
export { postSummary } from "./summary";
export { termSlug, termTitle, type Term, type TermKind } from "./terms";
export { typographer } from "./typography";
export type { Heading, MdxComponents, RenderedPost } from "./render";
