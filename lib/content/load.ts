import "server-only";
import { readFileSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { cacheFolder, cacheKey, codeFingerprint, readCacheFile, writeCacheFile } from "./disk-cache";
import { MAX_FILE_BYTES, contentIssueSchema, parsePostFile, type ContentIssue, type ParseOptions } from "./parse";
import { resolveCollisions } from "./collisions";
import { byNewest } from "./publish";
import { postSchema, type Post } from "./schema";

/** What the loader made of one file: its post when valid, and every problem and warning either way. */
const fileReportSchema = z.object({ file: z.string(), post: postSchema.optional(), issues: z.array(contentIssueSchema) });

export type FileReport = z.infer<typeof fileReportSchema>;

/** Every post file under CONTENT_DIR/posts, valid or not. `posts` holds the valid ones, newest first. */
export type ContentIndex = { dir: string; files: FileReport[]; posts: Post[]; issues: ContentIssue[] };

type State = {
  files: Map<string, { key: string; report: FileReport; bornAt: number }>;
  index?: { dir: string; checkedAt: number; value: ContentIndex };
  pending?: { dir: string; promise: Promise<ContentIndex> };
};
// On globalThis so that every server bundle that imports this module shares one cache.
const STATE_KEY = Symbol.for("folio.content-index");
const state: State = ((globalThis as Record<symbol, State>)[STATE_KEY] ??= { files: new Map() });

/** How long a loaded index is trusted before the files are looked at again (a stat each, no re-reads). */
export const INDEX_MAX_AGE_MS = 1000;

const POST_FILE = /^[^.].*\.mdx?$/;

// The code a parse depends on: a change to any of these files (or to any dependency) makes every disk entry a miss.
const PARSE_SOURCES = [
  "lib/content/parse.ts",
  "lib/content/schema.ts",
  "lib/content/mojibake.ts",
  "lib/content/nesting.ts",
  "lib/content/fields.ts",
  "lib/content/normalize.ts",
  "lib/content/hugo-date.ts",
  ...["split", "read", "members", "json-members"].map((name) => `lib/content/front-matter/${name}.ts`),
];

// Synchronous on purpose: one stat per file costs microseconds, where thousands of promises cost milliseconds.
function statFile(full: string, root: string, file: string, entry: Dirent): Stats | ContentIssue {
  const fail = (message: string): ContentIssue => ({ file, message, severity: "error" });
  if (entry.isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync(full);
    } catch {
      return fail("is a symbolic link to nothing");
    }
    if (!target.startsWith(root + path.sep)) return fail("is a symbolic link that leaves CONTENT_DIR; refused");
  }
  const stats = statSync(full);
  if (!stats.isFile()) return fail("is not a regular file");
  if (stats.size > MAX_FILE_BYTES) return fail(`is ${stats.size} bytes; the limit is ${MAX_FILE_BYTES} bytes (1 MiB)`);
  return stats;
}

/**
 * Parses a file's bytes, through the disk cache when there is one: keyed by the name and the bytes themselves, so a
 * new process (a build worker, a restarted server) skips the parse of every unchanged file.
 */
function parseReport(file: string, bytes: Buffer, options: ParseOptions = {}): FileReport {
  const folder = cacheFolder("index");
  const fingerprint = codeFingerprint(PARSE_SOURCES);
  if (!folder || !fingerprint) return { file, ...parsePostFile(file, bytes, options) };
  // The site's time zone and taxonomies change what a file parses to, so they are part of the key.
  const key = cacheKey(fingerprint, JSON.stringify(options), file, bytes);
  const cacheFile = path.join(/* turbopackIgnore: true */ folder, key.slice(0, 2), `${key}.json`);
  // Parsed, never trusted: an entry of another shape (older code, a torn or tampered file) is a miss.
  const cached = readCacheFile(cacheFile, fileReportSchema);
  if (cached?.file === file) return cached;
  const report: FileReport = { file, ...parsePostFile(file, bytes, options) };
  writeCacheFile(cacheFile, report);
  return report;
}

function readReport(root: string, entry: Dirent): FileReport {
  const file = `posts/${entry.name}`;
  const full = path.join(/* turbopackIgnore: true */ root, "posts", entry.name);
  try {
    const stats = statFile(full, root, file, entry);
    if (!("isFile" in stats)) return { file, issues: [stats] };
    const key = `${stats.mtimeMs}:${stats.size}:${stats.ino}`;
    const cached = state.files.get(full);
    if (cached?.key === key) return cached.report;
    const report = parseReport(file, readFileSync(full));
    // When the file came to be (a copy is younger than its original): who keeps a contested slug (./collisions).
    state.files.set(full, { key, report, bornAt: stats.birthtimeMs || stats.mtimeMs });
    return report;
  } catch (e) {
    return { file, issues: [{ file, message: `could not be read: ${(e as Error).message}`, severity: "error" }] };
  }
}

function outsideReport(entry: Dirent): FileReport {
  const file = `posts/${entry.name}`;
  return { file, issues: [{ file, message: "is reached through a symbolic link that leaves CONTENT_DIR; refused", severity: "error" }] };
}

async function readIndex(dir: string, now: number, previous?: ContentIndex): Promise<ContentIndex> {
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    root = path.resolve(/* turbopackIgnore: true */ dir);
  }
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(/* turbopackIgnore: true */ root, "posts"), { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") entries = [];
    else throw e;
  }
  const postEntries = entries.filter((entry) => POST_FILE.test(entry.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // `posts` may itself be a link: when it leads out of CONTENT_DIR, so does every file in it (one check, not one a file).
  const postsLeave = postEntries.length > 0 && !realpathSync(path.join(/* turbopackIgnore: true */ root, "posts")).startsWith(root + path.sep);
  const bornAt = (file: string) => state.files.get(path.join(/* turbopackIgnore: true */ root, file))?.bornAt;
  const reports = resolveCollisions(postEntries.map((entry) => (postsLeave ? outsideReport(entry) : readReport(root, entry))), { now, previous: previous?.posts, bornAt });
  const known = new Set(postEntries.map((entry) => path.join(/* turbopackIgnore: true */ root, "posts", entry.name)));
  for (const full of state.files.keys()) if (!known.has(full)) state.files.delete(full);
  // Nothing changed since the last look: the same index, without sorting thousands of posts again.
  if (previous?.dir === root && previous.files.length === reports.length && reports.every((r, i) => r === previous.files[i])) return previous;
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
 * is seen within a second; a new process takes the parse of unchanged bytes from the disk cache. A bad file never
 * throws: it is reported in `files` and `issues` and left out of `posts`.
 */
export async function loadContentIndex(dir: string = env().contentDir, now: number = Date.now()): Promise<ContentIndex> {
  const current = state.index;
  if (current && current.dir === dir && now - current.checkedAt < INDEX_MAX_AGE_MS) return current.value;
  // A read in flight is shared only by callers asking for the same directory.
  if (state.pending?.dir === dir) return state.pending.promise;
  const pending = {
    dir,
    promise: readIndex(dir, now, current?.dir === dir ? current.value : undefined)
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
