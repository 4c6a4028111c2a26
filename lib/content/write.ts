import "server-only";
import { createHash } from "node:crypto";
import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { withFileLock, writeFileAtomic, WriteConflictError } from "@/lib/fs/atomic";
import { setFrontMatterFields } from "./front-matter";
import { invalidateContentIndex, loadContentIndex } from "./load";
import { formatIssue, parsePostFile } from "./parse";

export type SetFeaturedResult =
  | { ok: true; changed: boolean; featured: boolean }
  | { ok: false; status: 404 | 409 | 422 | 500; error: string };

/** One front-matter change as it was written: which post and field, old → new, the file's hash before and after. */
export type FlagChange = {
  slug: string;
  file: string;
  field: "featured";
  from: boolean | null;
  to: boolean;
  hashBefore: string;
  hashAfter: string;
  /** The bytes replaced and the bytes written, for the admin's history. */
  bytesBefore: Buffer;
  bytesAfter: Buffer;
};

/**
 * What must succeed for a written change to stand (the admin's audit record), run under the file's lock. When it
 * throws, the old bytes are put back and the result says `${name} could not be written`.
 */
export type ChangeRecorder = { name: string; record: (change: FlagChange) => Promise<void> };

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The real path of the file that holds `slug`, looked up fresh (the admin may be acting on an old page). */
async function findPostFile(slug: string): Promise<{ file: string; relative: string } | null> {
  invalidateContentIndex();
  const index = await loadContentIndex();
  const report = index.files.find((r) => r.post?.slug === slug);
  return report ? { file: await realpath(path.join(/* turbopackIgnore: true */ index.dir, report.file)), relative: report.file } : null;
}

/**
 * Sets or clears `featured` in a post's front matter, changing only that line (or adding one), then hands the change
 * to `recorder`. Serialized per file, written atomically; if the file is gone, no longer holds this slug or its front
 * matter is now invalid, nothing is written and the result says why.
 */
export async function writeFeaturedFlag(slug: string, featured: boolean, recorder: ChangeRecorder): Promise<SetFeaturedResult> {
  const found = await findPostFile(slug);
  if (!found) return { ok: false, status: 404, error: `There is no valid post with the slug '${slug}'.` };
  const { file, relative } = found;
  // The lock itself is a file beside the post: a read-only or full folder refuses it before anything is written.
  return withFileLock(file, () => editUnderLock(slug, featured, recorder, file, relative)).catch((error: Error) => ({
    ok: false as const,
    status: 500 as const,
    error: `Nothing was changed: ${error.message}`,
  }));
}

async function editUnderLock(slug: string, featured: boolean, recorder: ChangeRecorder, file: string, relative: string): Promise<SetFeaturedResult> {
  const bytes = await readFile(file).catch(() => null);
  if (!bytes) return { ok: false, status: 409, error: `The file for '${slug}' is gone; reload the dashboard.` };
  const current = parsePostFile(relative, bytes);
  if (!current.post || current.post.slug !== slug) {
    const why = current.issues.filter((i) => i.severity === "error").map(formatIssue).join("; ") || "its slug changed";
    return { ok: false, status: 409, error: `The file changed and is no longer safe to edit: ${why}` };
  }
  if (current.post.featured === featured) return { ok: true, changed: false, featured };
  const edit = setFrontMatterFields(strictUtf8.decode(bytes), { featured });
  if (!edit.ok) return { ok: false, status: 422, error: `Could not change ${relative}: ${edit.error}` };
  const next = Buffer.from(edit.source, "utf8");
  try {
    // Compare-and-swap: an editor's save or a git pull since the read above wins, and this write is refused.
    await writeFileAtomic(file, next, { expect: bytes });
  } catch (error) {
    if (error instanceof WriteConflictError) return conflict(slug);
    // Disk full, read-only folder: the old file is untouched (the write goes to a temp file first).
    return { ok: false, status: 500, error: `Nothing was changed: ${(error as Error).message}` };
  }
  invalidateContentIndex();
  const change: FlagChange = {
    slug,
    file: relative,
    field: "featured",
    from: typeof edit.previous.featured === "boolean" ? edit.previous.featured : null,
    to: featured,
    hashBefore: current.post.hash, // parsePostFile hashed these same bytes
    hashAfter: sha256(next),
    bytesBefore: bytes,
    bytesAfter: next,
  };
  try {
    await recorder.record(change);
  } catch (error) {
    // A change nobody can account for is worse than no change: put the old bytes back and say what happened.
    return undoUnrecordedWrite(file, bytes, next, `${recorder.name} could not be written (${(error as Error).message})`);
  }
  return { ok: true, changed: true, featured };
}

function conflict(slug: string): SetFeaturedResult {
  return { ok: false, status: 409, error: `The file for '${slug}' changed on disk while it was being edited; nothing was written. Reload and try again.` };
}

/** Puts the original bytes back, unless someone changed the file after our write (their change then stands). */
async function undoUnrecordedWrite(file: string, original: Buffer, written: Buffer, why: string): Promise<SetFeaturedResult> {
  try {
    await writeFileAtomic(file, original, { expect: written });
  } catch (error) {
    if (error instanceof WriteConflictError) {
      return { ok: false, status: 409, error: `The post was changed but ${why}; it has been edited on disk since, so that edit was kept.` };
    }
    return { ok: false, status: 500, error: `The post was changed but ${why}, and restoring it failed: ${(error as Error).message}` };
  } finally {
    invalidateContentIndex();
  }
  return { ok: false, status: 500, error: `Nothing was changed: ${why}.` };
}
