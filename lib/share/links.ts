import "server-only";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { readJsonFile, updateJsonFile } from "@/lib/fs/json-file";
import { SHARE_TOKEN } from "@/lib/http/public-paths";

/**
 * Share links: a secret URL (`/share/TOKEN`) that shows one unpublished post to someone without an account. The
 * token is 256 random bits, given out once and stored only as its SHA-256, so the file (DATA_DIR/share-links.json,
 * written atomically under its cross-process lock) cannot be turned back into working links. A link expires (7 days
 * by default, 30 at most) and can be revoked.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a new link works unless the editor picks another length. */
export const SHARE_DEFAULT_DAYS = 7;
/** The longest a link may work. */
export const SHARE_MAX_DAYS = 30;
/** Links past their end are dropped from the file this long after (kept a while so the editor can see what ended). */
const KEEP_ENDED_MS = 30 * DAY_MS;


const linkSchema = z.object({
  /** A short public name for the link (not the token), for revoking it. */
  id: z.string().regex(/^[0-9a-f]{16}$/),
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The post's file, relative to CONTENT_DIR: the link follows the post through a slug change. */
  file: z.string(),
  slug: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().optional(),
});

/** A stored link: never its token. */
export type ShareLink = z.infer<typeof linkSchema>;

const storeSchema = z.object({ version: z.literal(1), links: z.array(linkSchema) });
const options = { missing: { version: 1 as const, links: [] }, advice: "delete it: every share link then stops working" };

function storeFile(): string {
  return path.join(/* turbopackIgnore: true */ env().dataDir, "share-links.json");
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Whether `value` has a token's shape (43 base64url characters); anything else is refused without a lookup. */
export function isShareToken(value: unknown): value is string {
  return typeof value === "string" && SHARE_TOKEN.test(value);
}

function isLive(link: ShareLink, now: number): boolean {
  return !link.revokedAt && Date.parse(link.expiresAt) > now;
}

/** Creates a link to the post in `file` for `days` (1 to 30); returns the token, which exists nowhere else. */
export async function createShareLink(post: { file: string; slug: string }, createdBy: string, days = SHARE_DEFAULT_DAYS, now = Date.now()): Promise<{ token: string; link: ShareLink }> {
  if (!Number.isInteger(days) || days < 1 || days > SHARE_MAX_DAYS) throw new RangeError(`A share link lasts 1 to ${SHARE_MAX_DAYS} days, not ${days}.`);
  const token = randomBytes(32).toString("base64url");
  const link: ShareLink = {
    id: randomBytes(8).toString("hex"),
    tokenHash: hashToken(token),
    file: post.file,
    slug: post.slug,
    createdBy,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + days * DAY_MS).toISOString(),
  };
  await updateJsonFile(storeFile(), storeSchema, options, (store) => ({ next: { version: 1 as const, links: [...withoutOld(store.links, now), link] }, result: undefined }));
  return { token, link };
}

/** Links that ended (revoked or expired) a while ago are forgotten, so the file does not grow forever. */
function withoutOld(links: ShareLink[], now: number): ShareLink[] {
  return links.filter((link) => now - Date.parse(link.revokedAt ?? link.expiresAt) < KEEP_ENDED_MS);
}

/** The live links of a post's file, soonest to expire first. */
export async function listShareLinks(file: string, now = Date.now()): Promise<ShareLink[]> {
  const { links } = await readJsonFile(storeFile(), storeSchema, options);
  return links.filter((link) => link.file === file && isLive(link, now)).sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
}

/** Revokes a link of the post in `file`; false when there is no such live link. */
export async function revokeShareLink(id: string, file: string, now = Date.now()): Promise<boolean> {
  return updateJsonFile(storeFile(), storeSchema, options, (store) => {
    const link = store.links.find((l) => l.id === id && l.file === file && isLive(l, now));
    if (!link) return { next: store, result: false };
    return { next: { version: 1 as const, links: store.links.map((l) => (l === link ? { ...l, revokedAt: new Date(now).toISOString() } : l)) }, result: true };
  });
}

/** The live link a token opens, or null (a malformed, unknown, altered, revoked or expired token). */
export async function resolveShareToken(token: unknown, now = Date.now()): Promise<ShareLink | null> {
  if (!isShareToken(token)) return null;
  const hash = hashToken(token);
  const { links } = await readJsonFile(storeFile(), storeSchema, options);
  return links.find((link) => link.tokenHash === hash && isLive(link, now)) ?? null;
}
