import type { Post } from "./schema";

/**
 * How much markdown a summary is made from: as long as the `summary` field may be. The patterns below scan ahead
 * from each unclosed `<`, `[`, `{{<` or fence, so their time grows with the square of the text: a lead of a million
 * `<` before `<!--more-->` took minutes.
 */
export const MAX_SUMMARY_SOURCE = 10_000;

/**
 * Markdown as one line of plain text, for places that show no markup (meta tags, feed summaries, cards): code
 * blocks, shortcodes and HTML tags dropped, links and images as their text, block markers and emphasis removed.
 * Only its first MAX_SUMMARY_SOURCE characters are read.
 */
export function markdownText(markdown: string): string {
  return markdown
    .slice(0, MAX_SUMMARY_SOURCE)
    .replace(/^(?:```|~~~)[^\n]*\n[\s\S]*?^(?:```|~~~)[ \t]*$/gm, " ")
    .replace(/\{\{[<%][\s\S]*?[>%]\}\}/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^[ \t]*(?:#{1,6}|>|[-*+]|\d+[.)])[ \t]+/gm, "")
    .replace(/[*_`~]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * What lists, feeds and meta descriptions say of a post: its `description`, else Hugo's `summary` front matter as
 * plain text, else the text before `<!--more-->`; "" when it has none of them, so each caller keeps its own fallback.
 * Derived on read and never written back: the admin edits `description` itself.
 */
export function postSummary(post: Pick<Post, "description" | "summary" | "excerpt">): string {
  return post.description || markdownText(post.summary ?? "") || post.excerpt || "";
}
