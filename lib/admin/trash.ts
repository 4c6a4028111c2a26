import "server-only";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { writeFileAtomic } from "@/lib/fs/atomic";
import { invalidateContentIndex, parsePostFile, type Post } from "@/lib/content";
import { auditRecordSchema, postChanges, type AuditRecord } from "./audit";
import { recordWrite } from "./history/record";
import { freshIndex, locatePost, readPostFile, sha256, underLock } from "./post-files";

const entrySchema = z.object({
  id: z.string().regex(/^[0-9]{13}-[a-z0-9-]+$/),
  slug: z.string(),
  title: z.string(),
  /** Where the file was, relative to CONTENT_DIR: restoring puts it back there. */
  file: z.string(),
  deletedAt: z.string(),
  deletedBy: z.string(),
  hash: z.string(),
});

/** A post in the trash: enough to list it and put it back where it was. */
export type TrashEntry = z.infer<typeof entrySchema>;

/** The outcome of a delete or restore; `post` is the post that left or came back, for expiring its pages. */
export type TrashResult = { ok: true; entry: TrashEntry; post?: Post } | { ok: false; status: 404 | 409 | 500; error: string };

/** DATA_DIR/trash: one folder per deleted post, holding the file and a small record of where it came from. */
export function trashDir(): string {
  return path.join(/* turbopackIgnore: true */ env().dataDir, "trash");
}

/** Moves a file, across file systems too (CONTENT_DIR and DATA_DIR may be different disks). */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as { code?: string }).code !== "EXDEV") throw error;
    await copyFile(from, to);
    await rm(from);
  }
}

/**
 * Moves a post's file into the trash, refusing (409) when it changed since the editor opened it: a delete is an edit
 * too, and must not throw away someone else's newer words. Recorded in the audit log.
 */
export async function trashPost(slug: string, baseHash: string, actor: string, now = Date.now()): Promise<TrashResult> {
  const found = await locatePost(slug);
  if (!found) return { ok: false, status: 404, error: `There is no post with the slug '${slug}'.` };
  return underLock(found.file, async (): Promise<TrashResult> => {
    const current = await readPostFile(found.file, found.relative);
    if (!current || !("post" in current)) return { ok: false, status: 409, error: "The post's file changed or is gone; reload the editor." };
    if (current.hash !== baseHash) return { ok: false, status: 409, error: "Not deleted: the file changed on disk since you opened it. Reload to see the new version." };
    const entry: TrashEntry = { id: `${now}-${slug}`, slug, title: current.post.title, file: found.relative, deletedAt: new Date(now).toISOString(), deletedBy: actor, hash: current.hash };
    const folder = path.join(/* turbopackIgnore: true */ trashDir(), entry.id);
    try {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      await writeFileAtomic(path.join(/* turbopackIgnore: true */ folder, "entry.json"), `${JSON.stringify(entry, null, 2)}\n`, { mode: 0o600 });
      await moveFile(found.file, path.join(/* turbopackIgnore: true */ folder, path.basename(found.file)));
      await recordWrite({ at: entry.deletedAt, actor, action: "delete", slug, file: found.relative, hashBefore: current.hash, hashAfter: null }, { before: current.bytes, after: null });
      await keepHistoryInTrash(folder, { file: found.relative, slug });
    } catch (error) {
      return { ok: false, status: 500, error: `Could not move the post to the trash: ${(error as Error).message}` };
    } finally {
      invalidateContentIndex();
    }
    return { ok: true, entry, post: current.post };
  });
}

/** The posts in the trash, most recently deleted first; entries that cannot be read are skipped. */
export async function listTrash(limit = 50): Promise<TrashEntry[]> {
  const names = await readdir(trashDir()).catch(() => [] as string[]);
  const ids = names.filter((name) => entrySchema.shape.id.safeParse(name).success).sort().reverse().slice(0, limit);
  const entries = await Promise.all(ids.map(readEntry));
  return entries.filter((entry): entry is TrashEntry => entry !== null);
}

async function readEntry(id: string): Promise<TrashEntry | null> {
  try {
    const parsed = entrySchema.safeParse(JSON.parse(await readFile(path.join(/* turbopackIgnore: true */ trashDir(), id, "entry.json"), "utf8")));
    return parsed.success && parsed.data.id === id ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Puts a trashed post back where it was. Refuses when a file is there now or another post took its slug meanwhile;
 * the trash entry then stays, so nothing is lost.
 */
export async function restorePost(id: string, actor: string, now = Date.now()): Promise<TrashResult> {
  if (!entrySchema.shape.id.safeParse(id).success) return { ok: false, status: 404, error: "There is no such post in the trash." };
  const entry = await readEntry(id);
  if (!entry) return { ok: false, status: 404, error: "There is no such post in the trash." };
  const index = await freshIndex();
  const target = path.resolve(/* turbopackIgnore: true */ index.dir, entry.file);
  if (!target.startsWith(index.dir + path.sep)) return { ok: false, status: 409, error: "The trash entry points outside CONTENT_DIR; restore it by hand." };
  if (await stat(target).catch(() => null)) return { ok: false, status: 409, error: `Not restored: ${entry.file} exists again. Rename or move it first.` };
  const owner = index.files.find((r) => r.post?.slug === entry.slug);
  if (owner) return { ok: false, status: 409, error: `Not restored: ${owner.file} now has the slug '${entry.slug}'.` };
  const folder = path.join(/* turbopackIgnore: true */ trashDir(), id);
  const stored = path.join(/* turbopackIgnore: true */ folder, path.basename(entry.file));
  return underLock(target, async (): Promise<TrashResult> => {
    let post: Post | undefined;
    try {
      const bytes = await readFile(stored);
      post = parsePostFile(entry.file, bytes).post;
      await mkdir(path.dirname(target), { recursive: true });
      await writeFileAtomic(target, bytes, { exclusive: true });
      await recordWrite({ at: new Date(now).toISOString(), actor, action: "restore", slug: entry.slug, file: entry.file, hashBefore: null, hashAfter: sha256(bytes) }, { before: null, after: bytes });
      await rm(folder, { recursive: true, force: true });
    } catch (error) {
      return { ok: false, status: 500, error: `Could not restore the post: ${(error as Error).message}` };
    } finally {
      invalidateContentIndex();
    }
    return { ok: true, entry, post };
  });
}

/**
 * A deleted post's history goes with it: its changes (newest first) are copied into its trash folder, where the
 * history page still finds them and retention keeps every version they name.
 */
async function keepHistoryInTrash(folder: string, post: { file: string; slug: string }): Promise<void> {
  try {
    const changes = await postChanges(post);
    await writeFileAtomic(path.join(/* turbopackIgnore: true */ folder, "history.json"), `${JSON.stringify(changes, null, 2)}\n`, { mode: 0o600 });
  } catch (error) {
    // The post is in the trash and the audit log has its changes; only the copy beside it is missing.
    console.error(`[folio] history: could not copy the history of ${post.file} into the trash: ${(error as Error).message}`);
  }
}

/** The changes of a post in the trash, newest first, as they were copied there when it was deleted. */
export async function trashedHistory(id: string): Promise<AuditRecord[]> {
  if (!entrySchema.shape.id.safeParse(id).success) return [];
  const text = await readFile(path.join(/* turbopackIgnore: true */ trashDir(), id, "history.json"), "utf8").catch(() => "[]");
  try {
    const parsed = z.array(auditRecordSchema).safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
