import { readFile, stat, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seedUsers, useTempDataDir } from "@/tests/auth-helpers";
import { verifyPassword } from "./passwords";
import { createSession, getSession } from "./sessions";
import { findUser, hasUsers, listUsers, normalizeEmail, removeUser, setUserRole, upsertUser } from "./users";

const dataDir = useTempDataDir();
const usersJson = () => path.join(dataDir(), "users.json");

describe("normalizeEmail", () => {
  it("trims and lower-cases, and rejects what is not an email", () => {
    expect(normalizeEmail("  Ada.Lovelace@Example.COM \n")).toBe("ada.lovelace@example.com");
    expect(() => normalizeEmail("ada")).toThrow(/"ada" is not a valid email address/);
    expect(() => normalizeEmail("ada@")).toThrow(/not a valid email/);
  });
});

describe("upsertUser", () => {
  it("creates a user in a private file, then updates role and password and signs them out", async () => {
    expect(await hasUsers()).toBe(false);
    const first = await upsertUser(" Ada@Example.com ", "editor", "first password 1");
    expect(first).toMatchObject({ created: true, user: { email: "ada@example.com", role: "editor" } });
    expect((await stat(dataDir())).mode & 0o777).toBe(0o700);
    expect((await stat(usersJson())).mode & 0o777).toBe(0o600);
    expect(await readFile(usersJson(), "utf8")).not.toContain("first password 1");

    const stored = await findUser("ADA@example.com");
    expect(stored?.role).toBe("editor");
    expect(await verifyPassword("first password 1", stored!.passwordHash)).toBe(true);
    const sessionId = await createSession("ada@example.com");

    const second = await upsertUser("ada@example.com", "admin", "second password 2");
    expect(second.created).toBe(false);
    const updated = await findUser("ada@example.com");
    expect(updated).toMatchObject({ role: "admin", createdAt: stored!.createdAt });
    expect(await verifyPassword("first password 1", updated!.passwordHash)).toBe(false);
    expect(await getSession(sessionId)).toBeNull(); // a password reset ends existing sessions
    expect(await listUsers()).toEqual([{ email: "ada@example.com", role: "admin", createdAt: stored!.createdAt, updatedAt: updated!.updatedAt }]);
  });

  it("refuses a short password before touching anything, naming the minimum", async () => {
    await expect(upsertUser("ada@example.com", "admin", "elevenchars")).rejects.toThrow("Password must be at least 12 characters (got 11)");
    await expect(stat(usersJson())).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("refuses unknown roles and bad emails", async () => {
    await expect(upsertUser("ada@example.com", "owner", "long enough password")).rejects.toThrow(/Unknown role "owner": expected one of writer, editor, marketer, admin/);
    await expect(upsertUser("not-an-email", "admin", "long enough password")).rejects.toThrow(/not a valid email/);
  });
});

describe("setUserRole and removeUser", () => {
  it("changes a role, and reports missing users", async () => {
    await seedUsers(dataDir(), [{ email: "bo@example.com", role: "editor" }]);
    expect(await setUserRole("Bo@Example.com", "marketer")).toBe(true);
    expect((await findUser("bo@example.com"))?.role).toBe("marketer");
    expect(await setUserRole("nobody@example.com", "admin")).toBe(false);
  });

  it("removes a user and their sessions, and says whether they existed", async () => {
    await seedUsers(dataDir(), [
      { email: "bo@example.com", role: "editor" },
      { email: "cy@example.com", role: "admin" },
    ]);
    const bo = await createSession("bo@example.com");
    const cy = await createSession("cy@example.com");
    expect(await removeUser(" BO@example.com")).toBe(true);
    expect(await removeUser("bo@example.com")).toBe(false);
    expect((await listUsers()).map((u) => u.email)).toEqual(["cy@example.com"]);
    // Re-creating the account must not revive the old session.
    await seedUsers(dataDir(), [{ email: "bo@example.com", role: "editor" }, { email: "cy@example.com", role: "admin" }]);
    expect(await getSession(bo)).toBeNull();
    expect(await getSession(cy)).toMatchObject({ email: "cy@example.com" });
  });
});

describe("reading users.json", () => {
  const corrupt = async (text: string) => {
    await mkdir(dataDir(), { recursive: true });
    await writeFile(usersJson(), text);
  };

  it("throws on invalid JSON instead of pretending there are no users", async () => {
    await corrupt('{"version": 1, "users": [');
    await expect(hasUsers()).rejects.toThrow(/users\.json is not valid JSON/);
    await expect(findUser("ada@example.com")).rejects.toThrow(/not valid JSON/);
  });

  it("names the bad field", async () => {
    await corrupt(JSON.stringify({ version: 1, users: [{ email: "ada@example.com", role: "owner", passwordHash: "x", createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z" }] }));
    await expect(listUsers()).rejects.toThrow(/users\.json is invalid: users\.0\.role: .*users\.0\.passwordHash: not a recognised scrypt password hash/);
  });

  it("rejects duplicate emails and unknown versions", async () => {
    await seedUsers(dataDir(), [{ email: "ada@example.com", role: "admin" }, { email: "ada@example.com", role: "editor" }]);
    await expect(listUsers()).rejects.toThrow(/users\.1\.email: duplicate email/);
    await corrupt(JSON.stringify({ version: 2, users: [] }));
    await expect(listUsers()).rejects.toThrow(/version/);
  });
});
