import { readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTempSite } from "@/tests/temp-site";
import { invalidateContentIndex } from "@/lib/content";
import { createShareLink, listShareLinks, resolveShareToken, revokeShareLink, SHARE_MAX_DAYS } from "./links";
import { shareUnpublishedPost } from "./manage";
import { getSharedPost } from "./shared-post";

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse("2026-06-01T12:00:00Z");
const DRAFT = { file: "posts/commented-draft.md", slug: "commented-draft" };

const site = useTempSite("tests/fixtures/desk");

const storeFile = () => path.join(site(), "data", "share-links.json");

describe("share links", () => {
  it("gives out a 256-bit token once and stores only its hash, in an owner-only file", async () => {
    const { token, link } = await createShareLink(DRAFT, "ed@example.com", undefined, NOW);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const stored = await readFile(storeFile(), "utf8");
    expect(stored).not.toContain(token);
    expect(stored).toContain(link.tokenHash);
    expect((await stat(storeFile())).mode & 0o777).toBe(0o600);
    expect((await resolveShareToken(token, NOW))?.id).toBe(link.id);
    const second = await createShareLink(DRAFT, "ed@example.com", undefined, NOW);
    expect(second.token).not.toBe(token);
  });

  it("expires after 7 days by default and never lasts more than 30", async () => {
    const { token, link } = await createShareLink(DRAFT, "ed@example.com", undefined, NOW);
    expect(link.expiresAt).toBe(new Date(NOW + 7 * DAY).toISOString());
    expect(await resolveShareToken(token, NOW + 7 * DAY - 1)).not.toBeNull();
    expect(await resolveShareToken(token, NOW + 7 * DAY)).toBeNull();
    expect(await listShareLinks(DRAFT.file, NOW + 7 * DAY)).toEqual([]);
    await expect(createShareLink(DRAFT, "ed@example.com", SHARE_MAX_DAYS + 1, NOW)).rejects.toThrow(RangeError);
    await expect(createShareLink(DRAFT, "ed@example.com", 0, NOW)).rejects.toThrow(RangeError);
    const longest = await createShareLink(DRAFT, "ed@example.com", SHARE_MAX_DAYS, NOW);
    expect(longest.link.expiresAt).toBe(new Date(NOW + 30 * DAY).toISOString());
  });

  it("a revoked link opens nothing, and only the post's own links can be revoked from its page", async () => {
    const { token, link } = await createShareLink(DRAFT, "ed@example.com", 3, NOW);
    expect(await revokeShareLink(link.id, "posts/another.md", NOW)).toBe(false);
    expect(await resolveShareToken(token, NOW)).not.toBeNull();
    expect(await revokeShareLink(link.id, DRAFT.file, NOW)).toBe(true);
    expect(await resolveShareToken(token, NOW)).toBeNull();
    expect(await listShareLinks(DRAFT.file, NOW)).toEqual([]);
    expect(await revokeShareLink(link.id, DRAFT.file, NOW)).toBe(false);
  });

  it("an altered, guessed or malformed token opens nothing, and a malformed one is refused before any lookup", async () => {
    const { token } = await createShareLink(DRAFT, "ed@example.com", 3, NOW);
    const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect(await resolveShareToken(altered, NOW)).toBeNull();
    expect(await resolveShareToken("x".repeat(43), NOW)).toBeNull();
    // A store nobody can read makes a lookup throw; a token of the wrong shape never gets that far.
    await writeFile(storeFile(), "{ not json");
    for (const bad of ["", "short", `${token}x`, `${token.slice(0, 42)}/`, "x".repeat(100_000), null, 42]) {
      expect(await resolveShareToken(bad, NOW)).toBeNull();
    }
    await expect(resolveShareToken(token, NOW)).rejects.toThrow(/not valid JSON/);
  });

  it("opens the draft as it is on disk; nothing once the post is deleted; a published post cannot be shared", async () => {
    const made = await shareUnpublishedPost(DRAFT.slug, 7, "ed@example.com", NOW);
    expect(made).toMatchObject({ ok: true, links: [{ createdBy: "ed@example.com" }] });
    const token = made.ok ? made.created!.token : "";
    expect((await getSharedPost(token, NOW))?.slug).toBe(DRAFT.slug);
    await rm(path.join(site(), "content", DRAFT.file));
    invalidateContentIndex();
    expect(await getSharedPost(token, NOW)).toBeNull();
    expect(await shareUnpublishedPost("json-published", 7, "ed@example.com", NOW)).toMatchObject({ ok: false, status: 409 });
  });
});
