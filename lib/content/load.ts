import "server-only";
import { promises as fs, type Stats } from "node:fs";
import path from "node:path";
import { env } from "../env";
import { MAX_FILE_BYTES, parsePostFile, type ContentIssue } from "./parse";
import { byNewest } from "./publish";
import type { Post } from "./schema";

/** What the loader made of one file: its post when valid, and every problem and warning either way. */
export type FileReport = { file: string; post?: Post; issues: ContentIssue[] };

/** Every post file under CONTENT_DIR/posts, valid or not. `posts` holds the valid ones, newest first. */
export type ContentIndex = { dir: string; files: FileReport[]; posts: Post[]; issues: ContentIssue[] };

type State = {
  files: Map<string, { key: string; report: FileReport }>;
  index?: { dir: string; checkedAt: number; value: ContentIndex };
  pending?: { dir: string; promise: Promise<ContentIndex> };
};
// On globalThis so that every server bundle that imports this module shares one cache.
const STATE_KEY = Symbol.for("folio.content-index");
const state: State = ((globalThis as Record<symbol, State>)[STATE_KEY] ??= { files: new Map() });

/** How long a loaded index is trusted before the files are looked at again (a stat each, no re-reads). */
export const INDEX_MAX_AGE_MS = 1000;

const POST_FILE = /^[^.].*\.mdx?$/;

async function statFile(full: string, root: string, file: string): Promise<Stats | ContentIssue> {
  const fail = (message: string): ContentIssue => ({ file, message, severity: "error" });
  const link = await fs.lstat(full);
  if (link.isSymbolicLink()) {
    const target = await fs.realpath(full).catch(() => undefined);
    if (!target) return fail("is a symbolic link to nothing");
    if (!target.startsWith(root + path.sep)) return fail("is a symbolic link that leaves CONTENT_DIR; refused");
  }
  const stats = await fs.stat(full);
  if (!stats.isFile()) return fail("is not a regular file");
  if (stats.size > MAX_FILE_BYTES) return fail(`is ${stats.size} bytes; the limit is ${MAX_FILE_BYTES} bytes (1 MiB)`);
  return stats;
}

async function readReport(root: string, name: string): Promise<FileReport> {
  const file = `posts/${name}`;
  const full = path.join(root, "posts", name);
  const stats = await statFile(full, root, file).catch((e: Error): ContentIssue => ({ file, message: `could not be read: ${e.message}`, severity: "error" }));
  if (!("isFile" in stats)) return { file, issues: [stats] };
  const key = `${stats.mtimeMs}:${stats.size}:${stats.ino}`;
  const cached = state.files.get(full);
  if (cached?.key === key) return cached.report;
  const bytes = await fs.readFile(full);
  const report: FileReport = { file, ...parsePostFile(file, bytes) };
  state.files.set(full, { key, report });
  return report;
}

/** The first file (by name) keeps a slug; any later file with the same slug is refused, naming both. */
function refuseDuplicateSlugs(reports: FileReport[]): FileReport[] {
  const owner = new Map<string, string>();
  return reports.map((report) => {
    if (!report.post) return report;
    const first = owner.get(report.post.slug);
    if (first === undefined) {
      owner.set(report.post.slug, report.file);
      return report;
    }
    const issue: ContentIssue = {
      file: report.file,
      field: "slug",
      message: `'${report.post.slug}' is already the slug of ${first}; ${report.file} and ${first} need different slugs`,
      severity: "error",
    };
    return { file: report.file, issues: [...report.issues, issue] };
  });
}

async function readIndex(dir: string): Promise<ContentIndex> {
  const root = await fs.realpath(dir).catch(() => path.resolve(dir));
  const names = await fs.readdir(path.join(root, "posts")).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return [];
    throw e;
  });
  const postNames = names.filter((name) => POST_FILE.test(name)).sort();
  const reports = refuseDuplicateSlugs(await Promise.all(postNames.map((name) => readReport(root, name))));
  const known = new Set(postNames.map((name) => path.join(root, "posts", name)));
  for (const full of state.files.keys()) if (!known.has(full)) state.files.delete(full);
  return {
    dir: root,
    files: reports,
    posts: reports.flatMap((r) => (r.post ? [r.post] : [])).sort(byNewest),
    issues: reports.flatMap((r) => r.issues),
  };
}

/**
 * Loads and validates every post under CONTENT_DIR/posts. Unchanged files (same mtime, size and inode) are not
 * re-read, and a loaded index is reused for INDEX_MAX_AGE_MS, so a warm call costs nothing and a changed file
 * is seen within a second. A bad file never throws: it is reported in `files` and `issues` and left out of `posts`.
 */
export async function loadContentIndex(dir: string = env().contentDir, now: number = Date.now()): Promise<ContentIndex> {
  const current = state.index;
  if (current && current.dir === dir && now - current.checkedAt < INDEX_MAX_AGE_MS) return current.value;
  // A read in flight is shared only by callers asking for the same directory.
  if (state.pending?.dir === dir) return state.pending.promise;
  const pending = {
    dir,
    promise: readIndex(dir)
      .then((value) => {
        // A read that an invalidation overtook may predate the write: hand it to its callers, but never cache it.
        if (state.pending === pending) state.index = { dir, checkedAt: Date.now(), value };
        return value;
      })
      .finally(() => {
        if (state.pending === pending) state.pending = undefined;
      }),
  };
  state.pending = pending;
  return pending.promise;
}

/** Forgets the loaded index so the next call looks at the files again (after the admin writes one). */
export function invalidateContentIndex(): void {
  state.index = undefined;
  state.pending = undefined;
}
