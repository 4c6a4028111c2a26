import { createHash } from "node:crypto";
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { seedUsers, useTempDataDir } from "@/tests/auth-helpers";
import { signSessionId, verifySignedSessionId } from "./session-token";
import { createSession, deleteSession, deleteSessionsFor, getSession } from "./sessions";
import { setUserRole } from "./users";

const dataDir = useTempDataDir();
const sessionsJson = () => path.join(dataDir(), "sessions.json");
const readStored = async () => JSON.parse(await readFile(sessionsJson(), "utf8")).sessions as Record<string, { email: string; lastSeenAt: string }>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse("2026-03-01T09:00:00Z");

beforeEach(async () => {
  await seedUsers(dataDir(), [
    { email: "ed@example.com", role: "editor" },
    { email: "mo@example.com", role: "marketer" },
  ]);
});

describe("sessions", () => {
  it("creates, finds and deletes a session, storing only the id's hash", async () => {
    const id = await createSession(" Ed@Example.com", T0);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(id, "base64url")).toHaveLength(32);
    const file = await readFile(sessionsJson(), "utf8");
    expect(file).not.toContain(id);
    expect(Object.keys(await readStored())).toEqual([createHash("sha256").update(id).digest("base64url")]);
    expect((await stat(sessionsJson())).mode & 0o777).toBe(0o600);

    expect(await getSession(id, T0 + MINUTE)).toEqual({ email: "ed@example.com", role: "editor" });
    expect(await createSession("ed@example.com", T0)).not.toBe(id);
    expect(await deleteSession(id, T0 + MINUTE)).toBe(true);
    expect(await getSession(id, T0 + MINUTE)).toBeNull();
    expect(await deleteSession(id, T0 + MINUTE)).toBe(false);
  });

  it("knows nothing of unknown or malformed ids, and refuses unknown users", async () => {
    expect(await getSession("A".repeat(43))).toBeNull();
    expect(await getSession("../../etc/passwd")).toBeNull();
    await expect(createSession("nobody@example.com")).rejects.toThrow(/no user nobody@example.com/);
  });

  it("expires after 12 idle hours, and activity keeps it alive", async () => {
    const idle = await createSession("ed@example.com", T0);
    const active = await createSession("ed@example.com", T0);
    expect(await getSession(active, T0 + 11 * HOUR)).not.toBeNull();
    expect(await getSession(idle, T0 + 12 * HOUR + 1)).toBeNull();
    expect(await getSession(active, T0 + 22 * HOUR)).not.toBeNull();
    expect(await getSession(active, T0 + 34 * HOUR + 1)).toBeNull();
  });

  it("expires 7 days after sign-in however active", async () => {
    const id = await createSession("ed@example.com", T0);
    let t = T0;
    while (t + 10 * HOUR < T0 + 7 * 24 * HOUR) {
      t += 10 * HOUR;
      expect(await getSession(id, t)).not.toBeNull();
    }
    expect(await getSession(id, T0 + 7 * 24 * HOUR)).not.toBeNull();
    expect(await getSession(id, T0 + 7 * 24 * HOUR + 1)).toBeNull();
  });

  it("records activity at most once a minute", async () => {
    const id = await createSession("ed@example.com", T0);
    await getSession(id, T0 + 30_000);
    expect(Object.values(await readStored())[0]?.lastSeenAt).toBe(new Date(T0).toISOString());
    await getSession(id, T0 + MINUTE);
    expect(Object.values(await readStored())[0]?.lastSeenAt).toBe(new Date(T0 + MINUTE).toISOString());
  });

  it("dies with its user and sees role changes on the next lookup", async () => {
    const ed = await createSession("ed@example.com", T0);
    const mo = await createSession("mo@example.com", T0);
    expect(await setUserRole("ed@example.com", "admin")).toBe(true);
    expect(await getSession(ed, T0)).toEqual({ email: "ed@example.com", role: "admin" });
    // Removed behind the app's back (hand-edited file): the lookup still refuses.
    await seedUsers(dataDir(), [{ email: "mo@example.com", role: "marketer" }]);
    expect(await getSession(ed, T0)).toBeNull();
    expect(await getSession(mo, T0)).toEqual({ email: "mo@example.com", role: "marketer" });
  });

  it("deletes all of one user's sessions and prunes expired ones on write", async () => {
    const old = await createSession("mo@example.com", T0);
    await createSession("ed@example.com", T0 + 13 * HOUR);
    await createSession("ed@example.com", T0 + 13 * HOUR);
    const mo = await createSession("mo@example.com", T0 + 13 * HOUR);
    const stored = Object.values(await readStored());
    expect(stored.map((s) => s.email).sort()).toEqual(["ed@example.com", "ed@example.com", "mo@example.com"]);
    expect(await getSession(old, T0 + 13 * HOUR)).toBeNull();
    expect(await deleteSessionsFor("ED@example.com", T0 + 13 * HOUR)).toBe(2);
    expect(Object.values(await readStored()).map((s) => s.email)).toEqual(["mo@example.com"]);
    expect(await getSession(mo, T0 + 13 * HOUR)).not.toBeNull();
  });

  it("reports a corrupt sessions file clearly", async () => {
    await writeFile(sessionsJson(), '{"version":1,"sessions":{"x":{"email":1}}}');
    await expect(getSession("A".repeat(43))).rejects.toThrow(/sessions\.json is invalid: sessions\.x\.email/);
  });
});

describe("signed session cookies", () => {
  const secret = "s".repeat(32);
  const id = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";

  it("round-trips and rejects any tampering", () => {
    const cookie = signSessionId(id, secret);
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    expect(verifySignedSessionId(cookie, secret)).toBe(id);
    const [value, mac] = cookie.split(".") as [string, string];
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
    expect(verifySignedSessionId(`${flip(value, 5)}.${mac}`, secret)).toBeNull();
    expect(verifySignedSessionId(`${value}.${flip(mac, 0)}`, secret)).toBeNull();
    expect(verifySignedSessionId(`${value}.${mac}x`, secret)).toBeNull();
    expect(verifySignedSessionId(`${value}.`, secret)).toBeNull();
    expect(verifySignedSessionId(value, secret)).toBeNull();
    expect(verifySignedSessionId(cookie, "t".repeat(32))).toBeNull();
  });
});
