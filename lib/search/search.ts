import "server-only";
import { getPostText, getPublishedPosts, postSummary, typographer, type Post } from "@/lib/content";
import { foldText } from "./search-text";

/** The longest query searched, in characters; anything longer is cut (and the page says so). */
export const MAX_QUERY_LENGTH = 200;
/** The most words a query searches for. */
export const MAX_QUERY_TERMS = 10;
const SNIPPET_LENGTH = 220;
const SNIPPET_LEAD = 70;

/** A query as the search page uses it: the text shown back, the words searched for, and whether it was cut. */
export type SearchQuery = { text: string; terms: string[]; truncated: boolean };

/** A run of text, highlighted when it matched. Plain text: the page renders it as text, never as HTML. */
export type Segment = { text: string; match: boolean };

/** A matching post with its title and a snippet of its text, both split into highlighted runs. */
export type SearchResult = { post: Post; title: Segment[]; snippet: Segment[] };

/**
 * One public post, ready to search: its title and summary (postSummary: its description, else its `summary` or
 * `<!--more-->` lead) as lists show them (typographer applied), its body as plain text, and folded copies of every
 * searched field.
 */
export type IndexedPost = { post: Post; title: string; description: string; text: string; folded: { title: string; description: string; topics: string; text: string } };

/** Reads `?q=` however it came (missing, repeated, any length or content) into a bounded query. */
export function parseQuery(raw: string | string[] | undefined): SearchQuery {
  const value = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  const clean = value.replace(/\p{Cc}/gu, " ").replace(/\s+/g, " ").trim();
  const chars = Array.from(clean);
  const text = chars.slice(0, MAX_QUERY_LENGTH).join("").trim();
  const words = foldText(text)
    .split(/[^\p{L}\p{N}'-]+/u)
    .map((word) => word.replace(/^['-]+|['-]+$/g, ""))
    .filter((word) => Array.from(word).length >= 2);
  const unique = [...new Set(words)];
  return { text, terms: unique.slice(0, MAX_QUERY_TERMS), truncated: chars.length > MAX_QUERY_LENGTH || unique.length > MAX_QUERY_TERMS };
}

/** A post's searchable form, from its body's plain text (rendered in the render worker: see getPostText). */
export function indexPost(post: Post, text: string): IndexedPost {
  const title = typographer(post.title);
  const description = typographer(postSummary(post));
  return {
    post,
    title,
    description,
    text,
    folded: { title: foldText(title), description: foldText(description), topics: foldText(post.topics.join(" ")), text: foldText(text) },
  };
}

const index = new Map<string, IndexedPost>();
const TEXT_WAIT_MS = 3000;

/**
 * Every public post's searchable form, kept by file hash so an unchanged post is indexed once per process. Bodies
 * are turned into text in the render worker, under its limits: a post that cannot be rendered is found by its
 * title, description and topics only.
 */
async function getSearchIndex(): Promise<IndexedPost[]> {
  const posts = await getPublishedPosts();
  const current = new Set(posts.map((post) => post.hash));
  for (const hash of index.keys()) if (!current.has(hash)) index.delete(hash);
  // A search waits for bodies a few seconds at most: one that is not ready (a post the render worker is still
  // working on, or stopping) is searched by its title, description and topics this time, and indexed when ready.
  let waited = false;
  const deadline = new Promise<void>((resolve) => setTimeout(() => resolve(void (waited = true)), TEXT_WAIT_MS).unref());
  return Promise.all(
    posts.map(async (post) => {
      const known = index.get(post.hash);
      if (known) return known;
      const pending = getPostText(post).then((text) => {
        const entry = indexPost(post, text);
        index.set(post.hash, entry);
        return entry;
      });
      return (await Promise.race([pending, deadline.then(() => undefined)])) ?? (waited ? indexPost(post, "") : await pending);
    }),
  );
}

/** Searches the public posts: see rankPosts. */
export async function searchPosts(query: SearchQuery): Promise<SearchResult[]> {
  return query.terms.length === 0 ? [] : rankPosts(await getSearchIndex(), query.terms);
}

/**
 * The posts where every term appears (in the title, description, topics or body), ranked by how many terms the
 * title holds, then by a score (topics and description weigh more than each body mention), then newest first.
 */
export function rankPosts(entries: readonly IndexedPost[], terms: readonly string[]): SearchResult[] {
  const ranked: { entry: IndexedPost; inTitle: number; score: number }[] = [];
  for (const entry of entries) {
    const { title, description, topics, text } = entry.folded;
    let inTitle = 0;
    let score = 0;
    const allFound = terms.every((term) => {
      const hits = [title.includes(term), topics.includes(term), description.includes(term)];
      const body = countOf(text, term, 10);
      if (!hits.some(Boolean) && body === 0) return false;
      if (hits[0]) inTitle += 1;
      score += (hits[1] ? 30 : 0) + (hits[2] ? 20 : 0) + body * 3;
      return true;
    });
    if (allFound) ranked.push({ entry, inTitle, score });
  }
  ranked.sort((a, b) => b.inTitle - a.inTitle || b.score - a.score || b.entry.post.publishedAt - a.entry.post.publishedAt);
  return ranked.map(({ entry }) => ({
    post: entry.post,
    title: highlight(entry.title, entry.folded.title, terms),
    snippet: snippet(entry, terms),
  }));
}

function countOf(text: string, term: string, limit: number): number {
  let count = 0;
  for (let at = text.indexOf(term); at !== -1 && count < limit; at = text.indexOf(term, at + term.length)) count += 1;
  return count;
}

/** Some 220 characters of the body around the first match, cut at spaces; the description when the body has none. */
export function snippet(entry: IndexedPost, terms: readonly string[]): Segment[] {
  const { text, folded, description } = entry;
  const matches = terms.map((term) => ({ at: folded.text.indexOf(term), length: term.length })).filter(({ at }) => at !== -1);
  if (matches.length === 0) {
    const source = description || text.slice(0, SNIPPET_LENGTH);
    return highlight(source, foldText(source), terms);
  }
  const first = matches.reduce((a, b) => (b.at < a.at ? b : a));
  let start = Math.max(0, first.at - SNIPPET_LEAD);
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  // Cut at spaces, never inside the first match.
  if (start > 0) start = Math.min(text.indexOf(" ", start) + 1 || start, first.at);
  if (end < text.length) end = Math.max(text.lastIndexOf(" ", end), first.at + first.length);
  const segments = highlight(text.slice(start, end), folded.text.slice(start, end), terms);
  if (start > 0) segments.unshift({ text: "…", match: false });
  if (end < text.length) segments.push({ text: "…", match: false });
  return segments;
}

/** Splits text into runs, marking every place a term occurs (found in the folded copy, same positions). */
export function highlight(text: string, folded: string, terms: readonly string[]): Segment[] {
  const ranges: [number, number][] = [];
  for (const term of terms) {
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + term.length)) ranges.push([at, at + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const segments: Segment[] = [];
  let cursor = 0;
  for (const [from, to] of ranges) {
    if (to <= cursor) continue;
    if (from > cursor) segments.push({ text: text.slice(cursor, from), match: false });
    const piece = text.slice(Math.max(from, cursor), to);
    const last = segments.at(-1);
    // Overlapping or touching matches make one highlight.
    if (last?.match) last.text += piece;
    else segments.push({ text: piece, match: true });
    cursor = to;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), match: false });
  return segments;
}
