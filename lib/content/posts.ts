import "server-only";
import { cache } from "react";
import { loadContentIndex, type ContentIndex } from "./load";
import { formatIssue } from "./parse";
import { byWeight, isPublic } from "./publish";
import type { Post } from "./schema";
import { collectTerms, hasTerm, type Term, type TermKind } from "./terms";

type Reported = { lines: Set<string> };
// Next.js bundles pages and route handlers separately, and each bundle runs its own copy of this module: a Set kept
// here would exist twice, and every bad file was logged twice (once by the first page, once by the first feed or
// card). What has been reported lives on globalThis instead, beside the one content index they share (load.ts).
const REPORTED_KEY = Symbol.for("folio.content-errors-reported");
const reported: Reported = ((globalThis as Record<symbol, Reported>)[REPORTED_KEY] ??= { lines: new Set() });

/**
 * At run time a bad file is logged once and left out; it never takes the rest of the site down. Once means once
 * while it stays bad: a file that is fixed and later broken again is logged again.
 */
function logProblems(index: ContentIndex): void {
  const current = new Set(index.issues.filter((issue) => issue.severity === "error").map(formatIssue));
  for (const line of current) if (!reported.lines.has(line)) console.error(`[folio] content error, post left out: ${line}`);
  reported.lines = current;
}

/** The whole index, drafts included: for lib/content's own readers only (the entry never exports it). */
export const getIndex = cache(async (): Promise<ContentIndex> => {
  const index = await loadContentIndex();
  logProblems(index);
  return index;
});

/** Every post that is public now (not a draft, not dated in the future), newest first. */
export const getPublishedPosts = cache(async (): Promise<Post[]> => {
  const now = Date.now();
  return (await getIndex()).posts.filter((post) => isPublic(post, now));
});

/** A public post by slug, or null when there is none or it is a draft or scheduled. */
export const getPost = cache(async (slug: string): Promise<Post | null> => {
  return (await getPublishedPosts()).find((post) => post.slug === slug) ?? null;
});

/** The public posts marked `featured: true`, in the marketer's order (`weight`, Hugo's rule), then newest first. */
export async function getFeaturedPosts(): Promise<Post[]> {
  return (await getPublishedPosts()).filter((post) => post.featured).sort(byWeight);
}

/** Topics (or tags) of the public posts, most used first. */
export async function getTerms(kind: TermKind): Promise<Term[]> {
  return collectTerms((await getPublishedPosts()).map((post) => post[kind]));
}

/** A topic (or tag) by its URL slug, or null when no public post carries it. */
export async function getTerm(kind: TermKind, slug: string): Promise<Term | null> {
  return (await getTerms(kind)).find((term) => term.slug === slug) ?? null;
}

/** The public posts that carry a topic (or tag), by its URL slug. */
export async function getPostsWithTerm(kind: TermKind, slug: string): Promise<Post[]> {
  return (await getPublishedPosts()).filter((post) => hasTerm(post[kind], slug));
}

/** Up to `limit` public posts sharing the most topics with `post`, then the newest. */
export async function getRelatedPosts(post: Post, limit = 3): Promise<Post[]> {
  const shared = (other: Post) => other.topics.filter((t) => post.topics.includes(t)).length;
  return (await getPublishedPosts())
    .filter((other) => other.slug !== post.slug && shared(other) > 0)
    .map((other) => ({ other, score: shared(other) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ other }) => other);
}

/** The public posts just older and just newer than `post` (which may itself be a draft in preview). */
export async function getAdjacentPosts(post: Post): Promise<{ older?: Post; newer?: Post }> {
  const others = (await getPublishedPosts()).filter((other) => other.slug !== post.slug);
  const older = others.find((other) => other.publishedAt <= post.publishedAt);
  const newer = others.filter((other) => other.publishedAt > post.publishedAt).at(-1);
  return { older, newer };
}

/**
 * Admin only: every file, drafts, scheduled and invalid ones included. Its name says so, so public code
 * cannot ask for drafts by accident.
 */
export async function getAllPostsForAdmin(): Promise<ContentIndex> {
  return getIndex();
}

/** Admin only: any valid post by slug, public or not, for the draft preview. */
export async function getPostForPreview(slug: string): Promise<Post | null> {
  return (await getIndex()).posts.find((post) => post.slug === slug) ?? null;
}
