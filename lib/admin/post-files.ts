import "server-only";
import { createHash } from "node:crypto";
import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { withFileLock } from "@/lib/fs/atomic";
import { hiddenByTheSite, invalidateContentIndex, loadContentIndex, parseOptionsFor, parsePostFile, pathWithSlug, withFileModTime, readFrontMatter, type ContentIndex, type Post } from "@/lib/content";
import type { StoredFields } from "./changes";

/** SHA-256 of a file's bytes: what the editor's form carries to detect a file changed since it was opened. */
export const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A file's bytes as text, exactly (a BOM is kept, so writing the text back gives the same bytes). */
export function decodeText(bytes: Buffer): string {
  return strictUtf8.decode(bytes);
}

/** One post file as the editor sees it: where it is, its bytes and hash, and the post they parse to. */
export type PostFile = { file: string; relative: string; bytes: Buffer; hash: string; post: Post };

/** The freshly loaded index (the admin may act on a page opened minutes ago; the loader caches for a second). */
export async function freshIndex(): Promise<ContentIndex> {
  invalidateContentIndex();
  return loadContentIndex();
}

/** The file that holds `slug` now, or null. A translation is never one: the desk edits the default language. */
export async function locatePost(slug: string, index?: ContentIndex): Promise<{ file: string; relative: string } | null> {
  const current = index ?? (await freshIndex());
  const report = current.files.find((r) => r.post?.slug === slug && r.post.lang === undefined);
  if (!report) return null;
  return { file: await realpath(path.join(/* turbopackIgnore: true */ current.dir, report.file)), relative: report.file };
}

/**
 * Reads and parses a post file as it is on disk now. `null` when it is gone; `{ invalid }` when it no longer parses
 * (someone broke it on disk), with the problems.
 */
export async function readPostFile(file: string, relative: string, index?: ContentIndex): Promise<PostFile | { invalid: string } | null> {
  const bytes = await readFile(file).catch(() => null);
  if (!bytes) return null;
  const mtimeMs = (await stat(file).catch(() => null))?.mtimeMs ?? Date.now();
  // Parsed as the loader parses it, the file's time included: a `:fileModTime` date must not move in the editor.
  const site = index ?? (await loadContentIndex());
  const parsed = parsePostFile(relative, bytes, withFileModTime(parseOptionsFor(site), mtimeMs));
  if (!parsed.post) {
    const why = parsed.issues.filter((i) => i.severity === "error").map((i) => i.message).join("; ");
    return { invalid: why || "it does not parse" };
  }
  // A post that a section above it keeps out is a draft to the desk too, with the reason.
  const hiddenBy = hiddenByTheSite(site, parsed.post);
  return { file, relative, bytes, hash: sha256(bytes), post: hiddenBy === undefined ? parsed.post : { ...parsed.post, hiddenBy } };
}

/**
 * Opens a post for the editor by slug: its current bytes, hash and parsed post, or null when there is none. Looks it
 * up in `index` when given (the preview, which asks on every pause in typing), else in a freshly loaded one.
 */
export async function openPost(slug: string, index?: ContentIndex): Promise<PostFile | null> {
  const current = index ?? (await freshIndex());
  const found = await locatePost(slug, current);
  if (!found) return null;
  const read = await readPostFile(found.file, found.relative, current);
  return read && "post" in read ? read : null;
}

const aliasesSchema = z.array(z.string()).catch([]);

/** The post's stored fields for a comparison with the form: parsed values, and `aliases` as the file writes them. */
export function storedFields(postFile: PostFile): StoredFields {
  const { post } = postFile;
  const read = readFrontMatter(decodeText(postFile.bytes));
  const aliases = read.ok ? aliasesSchema.parse(read.value.data.aliases ?? []) : [];
  return {
    title: post.title,
    description: post.description,
    date: post.date,
    slug: post.slug,
    topics: post.topics,
    tags: post.tags,
    cta: post.cta,
    featured: post.featured,
    draft: post.draft,
    aliases,
    body: post.body,
  };
}

/**
 * The post's URL now, and where it would answer under another slug: what a rename writes into `aliases` (the old
 * URL, so old links redirect) and keeps out of them (the new one). `/blog/SLUG` on Folio's own site; on a Hugo site
 * the URL Hugo gives it (its section's permalink rule; a `url:` does not move with the slug).
 */
export function postPaths(index: ContentIndex, post: Post): { oldPath: string; pathFor: (slug: string) => string } {
  return { oldPath: post.path, pathFor: (slug) => pathWithSlug(index, post, slug) };
}

/** Where a new post's file goes: `SLUG.md` in the site's posts folder (`posts/`, or a Hugo site's main section). */
export function newPostFile(slug: string, index: ContentIndex): { file: string; relative: string } {
  const relative = path.posix.join(index.postsDir, `${slug}.md`);
  return { file: path.join(/* turbopackIgnore: true */ index.dir, relative), relative };
}

/** Parses bytes the admin is about to write as the loader will read them (the site's time zone and URL rules). */
export function parseForSite(index: ContentIndex, relative: string, bytes: Buffer) {
  // The file is written now: a `:fileModTime` date is this moment's.
  return parsePostFile(relative, bytes, withFileModTime(parseOptionsFor(index), Date.now()));
}

/** A failed admin write: an HTTP status and a message a person can act on. */
export type WriteFailure = { ok: false; status: 500; error: string };

/**
 * Runs `fn` under the file's lock (in this process and across processes); a lock that cannot be taken (another
 * process holds it too long, a read-only folder) is a failure with a message, never an exception.
 */
export async function underLock<T>(file: string, fn: () => Promise<T>): Promise<T | WriteFailure> {
  try {
    return await withFileLock(file, fn);
  } catch (error) {
    return { ok: false, status: 500, error: `Nothing was changed: ${(error as Error).message}` };
  }
}
