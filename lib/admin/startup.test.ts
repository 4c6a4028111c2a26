import { afterEach, describe, expect, it, vi } from "vitest";
import { seedUsers, useTempDataDir } from "@/tests/auth-helpers";
import { announceAdminSetup } from "./startup";

const dataDir = useTempDataDir();

/** Everything announceAdminSetup printed, one string. */
async function announce(): Promise<string> {
  const lines: string[] = [];
  for (const method of ["log", "warn", "error"] as const) vi.spyOn(console, method).mockImplementation((line: string) => void lines.push(line));
  await announceAdminSetup();
  return lines.join("\n");
}

afterEach(() => vi.restoreAllMocks());

describe("announceAdminSetup", () => {
  it("in production without SITE_URL, warns where links will point (this machine, on PORT)", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("SITE_URL", "");
    vi.stubEnv("PORT", "3421");
    vi.stubEnv("SESSION_SECRET", "s".repeat(32));
    expect(await announce()).toContain("[folio] SITE_URL is not set: canonical links, feeds, the sitemap and social cards point at http://localhost:3421.");
    vi.stubEnv("SITE_URL", "https://example.com");
    expect(await announce()).not.toContain("SITE_URL");
  });

  it("says when it generates the session secret, and how to make the first user", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("SESSION_SECRET", "");
    vi.stubEnv("SITE_URL", "https://example.com");
    const said = await announce();
    expect(said).toMatch(/Sessions are signed with the secret just generated into \S*session-secret \(0600\)\. Several instances must share one SESSION_SECRET instead\./);
    expect(said).toContain("npm run users -- add you@example.com --role admin");
    await seedUsers(dataDir(), [{ email: "ed@example.com", role: "editor" }]);
    expect(await announce()).not.toContain("No admin users");
  });

  it("says sign-in is off, and why, when no secret can be had", async () => {
    vi.stubEnv("SESSION_SECRET", "too short");
    expect(await announce()).toMatch(/Admin sign-in is off: SESSION_SECRET must be at least 32 characters/);
  });
});
