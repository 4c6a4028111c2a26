import "server-only";
import { loadContentIndex, type Post } from "@/lib/content";
import { resolveShareToken } from "./links";

/**
 * What a share link opens: the post of a live link (found by its file, so a renamed slug keeps working), or null
 * when the token is malformed, unknown, altered, revoked or expired, or the post is gone. The token's shape is
 * checked before anything is read.
 */
export async function getSharedPost(token: unknown, now = Date.now()): Promise<Post | null> {
  const link = await resolveShareToken(token, now);
  if (!link) return null;
  const index = await loadContentIndex();
  return index.files.find((report) => report.file === link.file)?.post ?? null;
}
