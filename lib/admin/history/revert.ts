import "server-only";
import { can } from "@/lib/auth/config";
import { WriteConflictError, writeFileAtomic } from "@/lib/fs/atomic";
import { invalidateContentIndex, type Post } from "@/lib/content";
import { freshIndex, locatePost, parseForSite, readPostFile, underLock } from "../post-files";
import { audit, slugTaken, undoWrite, type Actor } from "../save-post";
import { readBlob } from "./blobs";
import { compareVersions } from "./compare";
import { getPostHistory, isVersionOf } from "./timeline";

export type RevertInput = {
  actor: Actor;
  slug: string;
  /** The version to put back: a hash from this post's history. */
  version: string;
  /** The file's hash when the history page was opened; a different file on disk is a conflict. */
  baseHash: string;
};

export type RevertResult =
  | { ok: true; changed: boolean; post: Post; before: Post; hash: string; replaced: string }
  | { ok: false; status: 403 | 404 | 409 | 422 | 500; error: string };

/**
 * Puts an earlier version of a post back, as an ordinary write: under the file's lock, refused (409) when the file
 * changed since the history page was opened, written atomically with compare-and-swap, recorded in the audit log as
 * `revert` with both versions in the history, so a restore can itself be restored away. A writer may only restore
 * a draft to a draft version; anything public is an editor's.
 */
export async function revertPost(input: RevertInput, now = Date.now()): Promise<RevertResult> {
  if (!can(input.actor.role, "write")) return { ok: false, status: 403, error: `Your role (${input.actor.role}) may not change posts.` };
  const located = await locatePost(input.slug);
  const history = located ? await getPostHistory(input.slug) : null;
  if (!located || !history) return { ok: false, status: 404, error: `There is no post with the slug '${input.slug}'.` };
  if (!isVersionOf(history, input.version)) return { ok: false, status: 404, error: "Nothing was restored: that version is not in this post's history." };
  const bytes = await readBlob(input.version);
  if (!bytes) return { ok: false, status: 404, error: "Nothing was restored: that version is no longer kept." };
  const index = await freshIndex();
  const target = parseForSite(index, located.relative, bytes).post;
  if (!target) return { ok: false, status: 422, error: "Nothing was restored: that version is not a valid post any more." };
  if (target.slug !== input.slug) {
    const owner = slugTaken(index, target.slug, located.relative);
    if (owner) return { ok: false, status: 409, error: `Nothing was restored: that version has the slug '${target.slug}', which ${owner} now uses.` };
  }
  return underLock(located.file, async (): Promise<RevertResult> => {
    const current = await readPostFile(located.file, located.relative);
    if (!current) return { ok: false, status: 404, error: "Nothing was restored: the post's file is gone." };
    if ("invalid" in current) return { ok: false, status: 409, error: `Nothing was restored: the file on disk no longer parses (${current.invalid}).` };
    if (current.hash !== input.baseHash) return { ok: false, status: 409, error: "Nothing was restored: the file changed on disk since you opened its history. Here is the new history." };
    if ((!current.post.draft || !target.draft) && !can(input.actor.role, "publish")) {
      return { ok: false, status: 403, error: "Nothing was restored: this would change a public or scheduled post; only an editor may." };
    }
    if (current.hash === input.version) return { ok: true, changed: false, post: current.post, before: current.post, hash: current.hash, replaced: current.hash };
    try {
      await writeFileAtomic(located.file, bytes, { expect: current.hash });
    } catch (error) {
      if (error instanceof WriteConflictError) return { ok: false, status: 409, error: "Nothing was restored: the file changed on disk while restoring." };
      return { ok: false, status: 500, error: `Nothing was restored: ${(error as Error).message}` };
    } finally {
      invalidateContentIndex();
    }
    const change = compareVersions(current.bytes, bytes);
    const record = { at: new Date(now).toISOString(), actor: input.actor.email, action: "revert" as const, slug: target.slug, file: located.relative, fields: change.fields, bodyChanged: change.bodyChanged, hashBefore: current.hash, hashAfter: input.version };
    const failed = await audit(record, { before: current.bytes, after: bytes });
    if (failed) {
      const undone = await undoWrite(located.file, current.bytes, input.version, failed);
      return { ok: false, status: 500, error: undone.ok ? "Nothing was restored." : undone.error };
    }
    return { ok: true, changed: true, post: target, before: current.post, hash: input.version, replaced: current.hash };
  });
}
