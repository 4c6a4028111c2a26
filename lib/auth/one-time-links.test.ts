import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDataDir } from "@/tests/auth-helpers";
import { checkLink, consumeLink, issueLink, ONE_TIME_LINK_TTL_MS, pendingLinks, revokeLinks } from "./one-time-links";

const dataDir = useTempDataDir();
const T0 = Date.parse("2026-03-01T09:00:00Z");
const by = "admin@example.com";

describe("one-time links", () => {
  it("issues 256-bit tokens stored only as hashes, in a private file", async () => {
    const { token } = await issueLink("invite", { email: "ed@example.com", role: "editor", createdBy: by }, T0);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const file = path.join(dataDir(), "one-time-links.json");
    expect(await readFile(file, "utf8")).not.toContain(token);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const other = await issueLink("invite", { email: "mo@example.com", role: "marketer", createdBy: by }, T0);
    expect(other.token).not.toBe(token);
  });

  it("works once: a second use, an expired link and a link of the other kind are refused with the reason", async () => {
    const { token } = await issueLink("invite", { email: "ed@example.com", role: "editor", createdBy: by }, T0);
    expect(await checkLink("reset", token, T0)).toEqual({ ok: false, reason: "unknown" });
    expect(await checkLink("invite", token, T0 + 1000)).toMatchObject({ ok: true, link: { email: "ed@example.com", role: "editor" } });
    // Checking does not use it up.
    expect(await consumeLink("invite", token, T0 + 2000)).toMatchObject({ ok: true, link: { email: "ed@example.com" } });
    expect(await consumeLink("invite", token, T0 + 3000)).toEqual({ ok: false, reason: "used" });
    expect(await checkLink("invite", token, T0 + 3000)).toEqual({ ok: false, reason: "used" });

    const late = await issueLink("reset", { email: "ed@example.com", createdBy: by }, T0);
    expect(await checkLink("reset", late.token, T0 + ONE_TIME_LINK_TTL_MS - 1)).toMatchObject({ ok: true });
    expect(await consumeLink("reset", late.token, T0 + ONE_TIME_LINK_TTL_MS)).toEqual({ ok: false, reason: "expired" });
    expect(await checkLink("reset", late.token, T0 + ONE_TIME_LINK_TTL_MS)).toEqual({ ok: false, reason: "expired" });
    // A week after expiry the record is gone, and the link is simply unknown.
    await issueLink("reset", { email: "other@example.com", createdBy: by }, T0 + ONE_TIME_LINK_TTL_MS + 8 * 24 * 3600_000);
    expect(await checkLink("reset", late.token, T0 + ONE_TIME_LINK_TTL_MS + 8 * 24 * 3600_000)).toEqual({ ok: false, reason: "unknown" });
  });

  it("refuses guessed, altered and malformed tokens", async () => {
    const { token } = await issueLink("reset", { email: "ed@example.com", createdBy: by }, T0);
    const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const bad of [altered, "A".repeat(43), "", "../../etc/passwd", `${token}x`]) {
      expect(await consumeLink("reset", bad, T0)).toEqual({ ok: false, reason: "unknown" });
    }
    expect(await consumeLink("reset", token, T0)).toMatchObject({ ok: true });
  });

  it("lets only one of two concurrent uses through", async () => {
    const { token } = await issueLink("invite", { email: "ed@example.com", role: "editor", createdBy: by }, T0);
    const outcomes = await Promise.all([consumeLink("invite", token, T0), consumeLink("invite", token, T0)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
  });

  it("keeps only the newest link per person and kind, lists pending ones, and revokes them", async () => {
    const first = await issueLink("invite", { email: "ed@example.com", role: "editor", createdBy: by }, T0);
    const second = await issueLink("invite", { email: "ed@example.com", role: "admin", createdBy: by }, T0 + 1);
    await issueLink("reset", { email: "ed@example.com", createdBy: by }, T0 + 2);
    expect(await checkLink("invite", first.token, T0 + 3)).toEqual({ ok: false, reason: "unknown" });
    expect(await pendingLinks("invite", T0 + 3)).toEqual([expect.objectContaining({ email: "ed@example.com", role: "admin" })]);
    expect(await pendingLinks("invite", T0 + ONE_TIME_LINK_TTL_MS + 1)).toEqual([]);
    expect(await revokeLinks("invite", "ed@example.com")).toBe(1);
    expect(await checkLink("invite", second.token, T0 + 4)).toEqual({ ok: false, reason: "unknown" });
    expect(await pendingLinks("reset", T0 + 4)).toHaveLength(1);
    expect(await revokeLinks(null, "ed@example.com")).toBe(1);
    expect(await pendingLinks("reset", T0 + 4)).toEqual([]);
  });
});
