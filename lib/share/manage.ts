import "server-only";
import { isPublic } from "@/lib/content";
import { openPost } from "@/lib/admin/post-files";
import { createShareLink, listShareLinks, revokeShareLink, SHARE_MAX_DAYS } from "./links";

/** A live link as the editor page lists it (never its token). */
export type ShareLinkView = { id: string; expiresAt: string; createdBy: string };

export type ShareOutcome =
  | { ok: true; links: ShareLinkView[]; created?: { token: string; expiresAt: string } }
  | { ok: false; status: 404 | 409 | 422; error: string; links: ShareLinkView[] };

const view = ({ id, expiresAt, createdBy }: ShareLinkView): ShareLinkView => ({ id, expiresAt, createdBy });

/** The live links of the post `slug`, for its editor page. */
export async function shareLinksOf(slug: string, now = Date.now()): Promise<ShareLinkView[]> {
  const opened = await openPost(slug);
  return opened ? (await listShareLinks(opened.relative, now)).map(view) : [];
}

/** Creates a link to an unpublished post (a draft or a scheduled one); a public post has its public URL instead. */
export async function shareUnpublishedPost(slug: string, days: number, actor: string, now = Date.now()): Promise<ShareOutcome> {
  const opened = await openPost(slug);
  if (!opened) return { ok: false, status: 404, error: `There is no post with the slug '${slug}'.`, links: [] };
  const links = async () => (await listShareLinks(opened.relative, now)).map(view);
  if (isPublic(opened.post, now)) return { ok: false, status: 409, error: "This post is published: share its public URL instead.", links: await links() };
  if (!Number.isInteger(days) || days < 1 || days > SHARE_MAX_DAYS) return { ok: false, status: 422, error: `A share link lasts 1 to ${SHARE_MAX_DAYS} days.`, links: await links() };
  const { token, link } = await createShareLink({ file: opened.relative, slug }, actor, days, now);
  return { ok: true, links: await links(), created: { token, expiresAt: link.expiresAt } };
}

/** Revokes one of the post's links: from the next request on, it shows nothing. */
export async function revokePostShareLink(slug: string, id: string, now = Date.now()): Promise<ShareOutcome> {
  const opened = await openPost(slug);
  if (!opened) return { ok: false, status: 404, error: `There is no post with the slug '${slug}'.`, links: [] };
  const revoked = await revokeShareLink(id, opened.relative, now);
  const links = (await listShareLinks(opened.relative, now)).map(view);
  return revoked ? { ok: true, links } : { ok: false, status: 404, error: "That link had already ended.", links };
}
