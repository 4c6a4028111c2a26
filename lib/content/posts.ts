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

/** Every public post in the site's other languages (a Hugo site's translations), newest first. */
const getPublishedTranslations = cache(async (): Promise<Post[]> => {
  const now = Date.now();
  return (await getIndex()).translations.filter((post) => isPublic(post, now));
});

/** A public post (or translation of one) by slug, or null when there is none or it is a draft or scheduled. */
export const getPost = cache(async (slug: string): Promise<Post | null> => {
  const find = (posts: Post[]) => posts.find((post) => post.slug === slug);
  return find(await getPublishedPosts()) ?? find(await getPublishedTranslations()) ?? null;
});

/** The public posts in a post's own language: what its related and adjacent posts are drawn from. */
async function postsInItsLanguage(post: Post): Promise<Post[]> {
  if (post.lang === undefined) return getPublishedPosts();
  return (await getPublishedTranslations()).filter((other) => other.lang === post.lang);
}

/** A translated post or page's language and URL, for `hreflang` links. */
export type Version = { lang: string; path: string };

/**
 * Every public version of a post or page in each language (itself included), when it has a translation; else none.
 * Versions share a `translationKey`: Hugo's rule (the same path in each language's content, or the field).
 */
export async function getTranslations(item: Post): Promise<Version[]> {
  if (item.translationKey === undefined) return [];
  const index = await getIndex();
  const now = Date.now();
  const kin = [...index.posts, ...index.translations, ...index.pages].filter((other) => other.translationKey === item.translationKey && isPublic(other, now));
  const versions = new Map<string, string>();
  for (const other of kin) {
    const lang = other.lang ?? index.site.defaultLanguage;
    if (!versions.has(lang)) versions.set(lang, other.path);
  }
  return versions.size < 2 ? [] : [...versions].map(([lang, path]) => ({ lang, path }));
}

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
  return (await postsInItsLanguage(post))
    .filter((other) => other.slug !== post.slug && shared(other) > 0)
    .map((other) => ({ other, score: shared(other) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ other }) => other);
}

/** The public posts just older and just newer than `post` (which may itself be a draft in preview). */
export async function getAdjacentPosts(post: Post): Promise<{ older?: Post; newer?: Post }> {
  const others = (await postsInItsLanguage(post)).filter((other) => other.slug !== post.slug);
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
