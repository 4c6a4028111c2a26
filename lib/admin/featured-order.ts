import "server-only";
import { byWeight, invalidateContentIndex, setFrontMatterFields, type Post } from "@/lib/content";
import { writeFileAtomic } from "@/lib/fs/atomic";
import { recordWrite } from "./history/record";
import { decodeText, freshIndex, locatePost, readPostFile, sha256, underLock } from "./post-files";

/** A featured post in the Featured region's order. */
export type FeaturedEntry = { slug: string; title: string; weight?: number; draft: boolean };

/** The featured posts that are not drafts (those the home page shows now or will), in the region's order. */
function ordered(posts: Post[]): Post[] {
  return posts.filter((post) => post.featured && !post.draft).sort(byWeight);
}

/** The Featured region's order, as the home page uses it. */
export async function getFeaturedOrder(): Promise<FeaturedEntry[]> {
  return ordered((await freshIndex()).posts).map(({ slug, title, weight, draft }) => ({ slug, title, weight, draft }));
}

export type MoveResult = { ok: true; changed: string[] } | { ok: false; status: 404 | 409 | 500; error: string };

/**
 * Moves a featured post one place up or down. The order is stored as Hugo's `weight` (1, 2, 3, … in the region's
 * order), written surgically into each post whose weight must change, and only those: the first move numbers the
 * region, later ones touch two files.
 */
export async function moveFeatured(slug: string, direction: "up" | "down", actor: string, now = Date.now()): Promise<MoveResult> {
  const order = ordered((await freshIndex()).posts);
  const at = order.findIndex((post) => post.slug === slug);
  if (at === -1) return { ok: false, status: 404, error: `'${slug}' is not in the Featured region.` };
  const to = direction === "up" ? at - 1 : at + 1;
  if (to < 0 || to >= order.length) return { ok: true, changed: [] };
  [order[at], order[to]] = [order[to]!, order[at]!];
  const changed: string[] = [];
  for (const [i, post] of order.entries()) {
    if (post.weight === i + 1) continue;
    const written = await writeWeight(post, i + 1, actor, now);
    if (!written.ok) return { ...written, error: `${written.error}${changed.length ? ` (already renumbered: ${changed.join(", ")})` : ""}` };
    changed.push(post.slug);
  }
  return { ok: true, changed };
}

async function writeWeight(post: Post, weight: number, actor: string, now: number): Promise<{ ok: true } | { ok: false; status: 404 | 409 | 500; error: string }> {
  const located = await locatePost(post.slug);
  if (!located) return { ok: false, status: 404, error: `The file of '${post.slug}' is gone; reload the dashboard.` };
  return underLock(located.file, async () => {
    const current = await readPostFile(located.file, located.relative);
    if (!current || !("post" in current) || current.hash !== post.hash) {
      return { ok: false as const, status: 409 as const, error: `'${post.slug}' changed on disk meanwhile; reload the dashboard and try again.` };
    }
    const edit = setFrontMatterFields(decodeText(current.bytes), { weight });
    if (!edit.ok) return { ok: false as const, status: 409 as const, error: `Could not set the weight of '${post.slug}': ${edit.error}` };
    const next = Buffer.from(edit.source, "utf8");
    try {
      await writeFileAtomic(located.file, next, { expect: current.hash });
      await recordWrite({ at: new Date(now).toISOString(), actor, action: "order", slug: post.slug, file: located.relative, fields: ["weight"], bodyChanged: false, hashBefore: current.hash, hashAfter: sha256(next) }, { before: current.bytes, after: next });
    } catch (error) {
      // Put the old bytes back when the audit record failed after the write (not when the write itself failed).
      await writeFileAtomic(located.file, current.bytes, { expect: next }).catch(() => undefined);
      return { ok: false as const, status: 500 as const, error: `Nothing was changed for '${post.slug}': ${(error as Error).message}` };
    } finally {
      invalidateContentIndex();
    }
    return { ok: true as const };
  });
}
