import "server-only";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { readJsonFile, updateJsonFile } from "@/lib/fs/json-file";
import { dataDir, roleSchema } from "./config";

// Invitations and password resets: links that work once, for a day, and are stored only as hashes.

/** How long an invitation or password-reset link works. */
export const ONE_TIME_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** What a link is for. */
export const LINK_KINDS = ["invite", "reset"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

const linkSchema = z.object({
  kind: z.enum(LINK_KINDS),
  email: z.string().min(1),
  /** The role an invitation grants; absent on a reset. */
  role: roleSchema.optional(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  /** Set when the link is used; the record is kept until it expires so a second use can be told "already used". */
  usedAt: z.iso.datetime().optional(),
});
/** One stored link; the token itself is never stored, only its SHA-256 (the key of the file's `links`). */
export type OneTimeLink = z.infer<typeof linkSchema>;

const fileSchema = z.object({ version: z.literal(1), links: z.record(z.string(), linkSchema) });
type LinksFile = z.infer<typeof fileSchema>;
const OPTIONS = { missing: { version: 1 as const, links: {} }, advice: "delete it to cancel every pending invitation and reset link" };

/**
 * Where links are kept: the one seam a shared store (Redis) would replace. `update` is a read-modify-write under
 * the store's lock.
 */
export interface OneTimeLinkStore {
  read(): Promise<Record<string, OneTimeLink>>;
  update<T>(change: (links: Record<string, OneTimeLink>) => T): Promise<T>;
}

/** The store in DATA_DIR/one-time-links.json (0600, atomic writes, under the file lock). */
export function fileLinkStore(file = path.join(/* turbopackIgnore: true */ dataDir(), "one-time-links.json")): OneTimeLinkStore {
  return {
    read: async () => (await readJsonFile(file, fileSchema, OPTIONS)).links,
    update: (change) =>
      updateJsonFile(file, fileSchema, OPTIONS, (current: LinksFile) => {
        const links = { ...current.links };
        const result = change(links);
        return { next: { version: 1 as const, links }, result };
      }),
  };
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/; // 32 random bytes, unpadded base64url

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

// Expired and used links are kept this much longer, so that following one says "expired" or "already used"
// rather than "not a link"; after that they are forgotten and the file stays small.
const KEEP_AFTER_EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;

function forgetOld(links: Record<string, OneTimeLink>, now: number): void {
  for (const [key, link] of Object.entries(links)) if (Date.parse(link.expiresAt) + KEEP_AFTER_EXPIRY_MS <= now) delete links[key];
}

/** What a link check found: a usable link, or why not (worded by the page that shows it). */
export type LinkCheck = { ok: true; link: OneTimeLink } | { ok: false; reason: "unknown" | "expired" | "used" };

function check(links: Record<string, OneTimeLink>, kind: LinkKind, token: string, now: number): LinkCheck {
  if (!TOKEN.test(token)) return { ok: false, reason: "unknown" };
  const link = links[hashToken(token)];
  if (!link || link.kind !== kind) return { ok: false, reason: "unknown" };
  if (link.usedAt) return { ok: false, reason: "used" };
  if (Date.parse(link.expiresAt) <= now) return { ok: false, reason: "expired" };
  return { ok: true, link };
}

/** Options for {@link issueLink}: who asked, for whom, and (for an invitation) which role. */
export type IssueInput = { email: string; role?: OneTimeLink["role"]; createdBy: string };

/**
 * Makes a link of `kind` for `email`: 256 random bits, returned once as base64url and stored only as its SHA-256.
 * Any earlier unused link of the same kind for the same email stops working, so only the newest one sent counts.
 */
export async function issueLink(kind: LinkKind, input: IssueInput, now = Date.now(), store = fileLinkStore()): Promise<{ token: string; link: OneTimeLink }> {
  const token = randomBytes(32).toString("base64url");
  const link: OneTimeLink = {
    kind,
    email: input.email,
    ...(input.role ? { role: input.role } : {}),
    createdBy: input.createdBy,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + ONE_TIME_LINK_TTL_MS).toISOString(),
  };
  await store.update((links) => {
    forgetOld(links, now);
    for (const [key, other] of Object.entries(links)) if (other.kind === kind && other.email === input.email && !other.usedAt) delete links[key];
    links[hashToken(token)] = link;
  });
  return { token, link };
}

/** Whether `token` is a live link of `kind`, without using it (for showing the form behind it). */
export async function checkLink(kind: LinkKind, token: string, now = Date.now(), store = fileLinkStore()): Promise<LinkCheck> {
  return check(await store.read(), kind, token, now);
}

/**
 * Uses a link: checks it and marks it used in one step under the store's lock, so two submissions of the same link
 * cannot both succeed. Call it only once everything else the form needs has been checked, so that bad input
 * leaves the link usable.
 */
export async function consumeLink(kind: LinkKind, token: string, now = Date.now(), store = fileLinkStore()): Promise<LinkCheck> {
  return store.update((links) => {
    forgetOld(links, now);
    const found = check(links, kind, token, now);
    if (found.ok) links[hashToken(token)] = { ...found.link, usedAt: new Date(now).toISOString() };
    return found;
  });
}

/** Unused, unexpired links of `kind`, oldest first (the users page lists pending invitations). */
export async function pendingLinks(kind: LinkKind, now = Date.now(), store = fileLinkStore()): Promise<OneTimeLink[]> {
  return Object.values(await store.read())
    .filter((link) => link.kind === kind && !link.usedAt && Date.parse(link.expiresAt) > now)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Cancels every unused link of `kind` for `email` (or of every kind when `kind` is null); returns how many. */
export async function revokeLinks(kind: LinkKind | null, email: string, store = fileLinkStore()): Promise<number> {
  return store.update((links) => {
    let count = 0;
    for (const [key, link] of Object.entries(links)) {
      if ((kind === null || link.kind === kind) && link.email === email && !link.usedAt) {
        delete links[key];
        count += 1;
      }
    }
    return count;
  });
}
