import { spawn } from "node:child_process";
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { seedUsers, useTempDataDir } from "@/tests/auth-helpers";
import { signInAvailability } from "./availability";
import { getSessionSecret, loadSessionSecret, SessionSecretError } from "./session-token";

const dataDir = useTempDataDir();
const ROOT = path.resolve(import.meta.dirname, "../..");

type Child = { ready: Promise<void>; result: Promise<{ secret: string; created: boolean }> };

/** A fresh process that loads the secret, as a starting server does, once `goFile` exists (when given). */
function secretProcess(dir: string, goFile?: string): Child {
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "tests/bin/print-session-secret.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dir, SESSION_SECRET: "", NODE_ENV: "production", GO_FILE: goFile ?? "" },
  });
  let out = "";
  let err = "";
  let onReady = (): void => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on("data", (chunk) => {
    out += chunk;
    if (out.startsWith("ready\n")) onReady();
  });
  child.stderr.on("data", (chunk) => (err += chunk));
  const result = new Promise<{ secret: string; created: boolean }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out.slice("ready\n".length))) : reject(new Error(`exit ${code}: ${err}`))));
  });
  return { ready, result };
}

describe("the session secret", () => {
  it("is SESSION_SECRET when set and long enough; a short one is refused, naming the variable", async () => {
    vi.stubEnv("SESSION_SECRET", "x".repeat(32));
    expect(await loadSessionSecret()).toEqual({ secret: "x".repeat(32), source: "env" });
    vi.stubEnv("SESSION_SECRET", "short");
    const error = await getSessionSecret().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionSecretError);
    expect((error as SessionSecretError).message).toMatch(/SESSION_SECRET must be at least 32 characters/);
    expect((error as SessionSecretError).reason).toBe("SESSION_SECRET is set but shorter than 32 characters");
  });

  it("without SESSION_SECRET, in production too, is generated once into DATA_DIR (0600) and reused", async () => {
    vi.stubEnv("SESSION_SECRET", "");
    vi.stubEnv("NODE_ENV", "production");
    const loads = await Promise.all([loadSessionSecret(), loadSessionSecret(), loadSessionSecret()]);
    const file = path.join(dataDir(), "session-secret");
    expect(loads.map((l) => l.source === "file" && l.created)).toEqual([true, true, true]); // one load, shared
    const secret = loads[0]!.secret;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await readFile(file, "utf8")).trim()).toBe(secret);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir())).mode & 0o777).toBe(0o700);
    expect(await getSessionSecret()).toBe(secret);
  });

  it("an explicit SESSION_SECRET wins over the generated file", async () => {
    vi.stubEnv("SESSION_SECRET", "");
    const generated = await getSessionSecret();
    vi.stubEnv("SESSION_SECRET", "e".repeat(40));
    expect(await getSessionSecret()).toBe("e".repeat(40));
    expect(generated).not.toBe("e".repeat(40));
  });

  // Five fresh processes, each compiling TypeScript at start-up: minutes on a busy machine, so a generous limit.
  it("is the same for processes that start at once: one creates the file, the others adopt it", { timeout: 300_000 }, async () => {
    const goFile = path.join(dataDir(), "..", "go");
    const children = [1, 2, 3, 4].map(() => secretProcess(dataDir(), goFile));
    await Promise.all(children.map((child) => child.ready));
    await writeFile(goFile, "");
    const results = await Promise.all(children.map((child) => child.result));
    expect(new Set(results.map((r) => r.secret)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await readFile(path.join(dataDir(), "session-secret"), "utf8")).trim()).toBe(results[0]!.secret);
    expect((await stat(path.join(dataDir(), "session-secret"))).mode & 0o777).toBe(0o600);
    // A restart reads the same file and creates nothing.
    expect(await secretProcess(dataDir()).result).toEqual({ secret: results[0]!.secret, created: false });
  });

  it("a file holding too short a secret is refused with advice, never used", async () => {
    vi.stubEnv("SESSION_SECRET", "");
    await seedUsers(dataDir(), []);
    await writeFile(path.join(dataDir(), "session-secret"), "tiny\n");
    await expect(getSessionSecret()).rejects.toThrow(/shorter than 32 characters; delete it and restart/);
  });
});

describe("signInAvailability", () => {
  it("says sign-in is off, and why, when DATA_DIR cannot hold a secret and SESSION_SECRET is unset", async () => {
    vi.stubEnv("SESSION_SECRET", "");
    // Root may write anywhere, so make the folder impossible instead: DATA_DIR below a regular file.
    await seedUsers(dataDir(), [{ email: "ed@example.com", role: "editor" }]);
    vi.stubEnv("DATA_DIR", path.join(dataDir(), "users.json", "data"));
    const availability = await signInAvailability();
    expect(availability).toMatchObject({ ok: false, reason: "Sign-in is off on this server: SESSION_SECRET is not set, and the server cannot write one into its data folder (DATA_DIR)." });
    expect(JSON.stringify(availability)).not.toContain(dataDir());
  });

  it("says there are no accounts yet, with the command that makes one", async () => {
    vi.stubEnv("SESSION_SECRET", "s".repeat(32));
    expect(await signInAvailability()).toEqual({
      ok: false,
      reason: "No one can sign in yet: this site has no accounts.",
      fix: "Whoever runs the site can create the first one with: npm run users -- add you@example.com --role admin",
    });
  });

  it("is ok with a secret and an account", async () => {
    vi.stubEnv("SESSION_SECRET", "");
    await seedUsers(dataDir(), [{ email: "ed@example.com", role: "editor" }]);
    expect(await signInAvailability()).toEqual({ ok: true });
  });
});
