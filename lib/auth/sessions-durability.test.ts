import { readFile, writeFile } from "node:fs/promises";
import * as fsPromises from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { seedUsers, useTempDataDir } from "@/tests/auth-helpers";
import { createSession, getSession } from "./sessions";
import { upsertUser } from "./users";

// Sessions against a sessions file that other processes write (the users CLI, a second server) and a DATA_DIR that
// cannot be written. A read-only or full disk is injected at the open() calls a write makes (its lock file and its
// temp file), since this suite runs as root, for whom permission bits mean nothing.

const readOnly = { on: false };
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const open = vi.fn(async (file: Parameters<typeof actual.open>[0], ...rest: unknown[]) => {
    if (readOnly.on && /\.(tmp|lock)$/.test(String(file))) throw Object.assign(new Error("EROFS: simulated"), { code: "EROFS" });
    return (actual.open as (...args: unknown[]) => ReturnType<typeof actual.open>)(file, ...rest);
  });
  return { ...actual, open };
});

const dataDir = useTempDataDir();
const sessionsJson = () => path.join(dataDir(), "sessions.json");
const MINUTE = 60_000;

beforeEach(async () => {
  await seedUsers(dataDir(), [{ email: "ed@example.com", role: "editor" }]);
});
afterEach(() => {
  readOnly.on = false;
});

describe("a password reset", () => {
  it("ends the user's sessions even when a concurrent write brought one back into sessions.json", async () => {
    const id = await createSession("ed@example.com", Date.now() - MINUTE);
    const before = await readFile(sessionsJson(), "utf8");
    await upsertUser("ed@example.com", "editor", "a brand new long password");
    expect(await getSession(id)).toBeNull();
    // Another process, which read sessions.json before the reset, writes its copy back: the session is in the file again.
    await writeFile(sessionsJson(), before);
    expect(JSON.parse(await readFile(sessionsJson(), "utf8")).sessions).not.toEqual({});
    expect(await getSession(id)).toBeNull();
    // A session begun after the reset works.
    expect(await getSession(await createSession("ed@example.com"))).toEqual({ email: "ed@example.com", role: "editor" });
  }, 60_000);
});

describe("a DATA_DIR that cannot be written", () => {
  it("keeps a session working when its activity cannot be recorded", async () => {
    const started = Date.now() - 10 * MINUTE;
    const id = await createSession("ed@example.com", started);
    readOnly.on = true;
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await getSession(id)).toEqual({ email: "ed@example.com", role: "editor" });
    expect(await getSession(id)).toEqual({ email: "ed@example.com", role: "editor" });
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]?.[0])).toMatch(/could not record session activity.*read-only or not writable \(EROFS\)/);
    log.mockRestore();
  });
});
