import "server-only";
import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/config/env";
import { withFileLock } from "@/lib/fs/atomic";
import type { ContentIndex } from "@/lib/content";
import { OUTSIDE_ACTOR, recordChange } from "../audit";
import { parseForSite, sha256 } from "../post-files";
import { readBlob, storeBlob } from "./blobs";
import { compareVersions } from "./compare";
import { changeHeads, readHeads } from "./heads";

/**
 * Notices changes made outside the admin (an editor on disk, a git pull, a deleted file): each look of the loader
 * (the content watcher's, or a history page's) is compared with the heads, the last content the history knows of
 * each file. A file whose hash differs from its head, without an admin write, is recorded in the audit log as
 * changed outside the admin, with its new bytes in the history's store.
 *
 * What the last look saw is remembered per process, so a look in which nothing changed costs no disk access. A file
 * that differs is checked again under its lock: an admin write holds that lock until it has set the new head, so
 * its own write is never taken for an outside change.
 */

type Seen = { dataDir: string; hashes: Map<string, string> };
const SEEN_KEY = Symbol.for("folio.history-seen");

function seenFor(dataDir: string): Seen {
  const slot = globalThis as Record<symbol, Seen | undefined>;
  const seen = slot[SEEN_KEY];
  if (seen?.dataDir === dataDir) return seen;
  return (slot[SEEN_KEY] = { dataDir, hashes: new Map() });
}

/** Records the outside changes one look of the loader shows; returns how many it recorded. */
export async function noticeOutsideChanges(index: ContentIndex, now = Date.now()): Promise<number> {
  const seen = seenFor(env().dataDir);
  const current = new Map(index.files.flatMap((r) => (r.post ? [[r.file, r.post] as const] : [])));
  // A file that no longer parses is left as it was: it is recorded once it is a post again.
  const broken = new Set(index.files.filter((r) => !r.post).map((r) => r.file));
  const fresh = seen.hashes.size === 0;
  const candidates = new Set<string>();
  for (const [file, post] of current) if (seen.hashes.get(file) !== post.hash) candidates.add(file);
  for (const file of seen.hashes.keys()) if (!current.has(file) && !broken.has(file)) candidates.add(file);
  if (candidates.size === 0 && !fresh) return 0;
  const heads = await readHeads();
  if (!heads.initialized) {
    await changeHeads((next) => {
      for (const [file, post] of current) next.files[file] ??= { hash: post.hash, slug: post.slug };
      next.initialized = true;
    });
    seen.hashes = new Map([...current].map(([file, post]) => [file, post.hash]));
    return 0;
  }
  if (fresh) for (const file of Object.keys(heads.files)) if (!current.has(file) && !broken.has(file)) candidates.add(file);
  let recorded = 0;
  for (const file of candidates) {
    const onDisk = current.get(file)?.hash;
    if (heads.files[file]?.hash !== onDisk) recorded += await recordIfOutside(index, file, now);
  }
  seen.hashes = new Map([...current].map(([file, post]) => [file, post.hash]));
  return recorded;
}

/** Under the file's lock: records the file's change when its bytes are still not its head. Returns 1 or 0. */
async function recordIfOutside(index: ContentIndex, file: string, now: number): Promise<number> {
  const full = path.join(/* turbopackIgnore: true */ index.dir, file);
  const locked = await realpath(full).catch(() => full);
  return withFileLock(locked, async () => {
    const bytes = await readFile(locked).catch(() => null);
    const hash = bytes ? sha256(bytes) : null;
    const head = (await readHeads()).files[file];
    if ((head?.hash ?? null) === hash) return 0;
    if (bytes) await storeBlob(bytes);
    const replaced = head ? await readBlob(head.hash) : null;
    // Which fields changed is known only when the replaced bytes are (the first look keeps hashes, not bytes).
    const change = bytes && (replaced || !head) ? compareVersions(replaced, bytes) : undefined;
    const slug = (bytes && parseForSite(index, file, bytes).post?.slug) || (head?.slug ?? path.basename(file).replace(/\.mdx?$/, ""));
    await recordChange({ at: new Date(now).toISOString(), actor: OUTSIDE_ACTOR, action: "outside", slug, file, fields: change?.fields, bodyChanged: change?.bodyChanged, hashBefore: head?.hash ?? null, hashAfter: hash });
    await changeHeads((heads) => {
      if (hash) heads.files[file] = { hash, slug };
      else delete heads.files[file];
    });
    return 1;
  });
}
