import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { recentTeamChanges } from "@/lib/admin/team/audit";
import { totpCode } from "@/lib/auth/totp";
import { confirmEnrollment, startEnrollment, twoFactorStatus } from "@/lib/auth/two-factor";
import { findUser } from "@/lib/auth/users";
import { verifyPassword } from "@/lib/auth/passwords";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
let root: string;
let dataDir: string;

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs the CLI exactly as `npm run users` would, with DATA_DIR pointing at this suite's temp folder. */
function users(args: string[], stdin = ""): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["--conditions=react-server", "scripts/users.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

type Step = { when: string; type: string };

/**
 * Runs the CLI in a real pseudo-terminal (util-linux `script`, which relays its standard input to the terminal and
 * the terminal's output to its standard output), typing each step's text once its prompt has appeared.
 */
function usersInTerminal(args: string[], steps: Step[]): Promise<{ code: number | null; screen: string }> {
  const command = [TSX, "--conditions=react-server", "scripts/users.ts", ...args].map((a) => `'${a}'`).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } });
    let screen = "";
    let step = 0;
    child.stdout.on("data", (chunk) => {
      screen += chunk;
      while (step < steps.length && screen.includes(steps[step]!.when)) {
        child.stdin.write(steps[step]!.type);
        step += 1;
      }
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, screen }));
  });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "folio-users-cli-"));
  dataDir = path.join(root, "data");
  vi.stubEnv("DATA_DIR", dataDir); // for the in-process checks of what the CLI wrote
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(root, { recursive: true, force: true });
});

// Each case starts the CLI (a TypeScript compile and a Node start-up, seconds on a busy machine): generous limits.
describe("scripts/users.ts", { timeout: 300_000 }, () => {
  const password = "piped password with spaces ";

  it("adds a user from stdin, dropping one trailing newline, and never echoes the password", async () => {
    const run = await users(["add", "Ada@Example.com", "--role", "admin", "--password-stdin"], `${password}\n`);
    expect(run).toMatchObject({ code: 0, stderr: expect.not.stringContaining("piped") });
    expect(run.stdout).toBe("Created ada@example.com (admin)\n");
    const stored = await findUser("ada@example.com");
    expect(stored?.role).toBe("admin");
    expect(await verifyPassword(password, stored!.passwordHash)).toBe(true);
  });

  it("adds a writer, the role that drafts but never publishes", async () => {
    const run = await users(["add", "wren@example.com", "--role", "writer", "--password-stdin"], `${password}\n`);
    expect(run).toMatchObject({ code: 0, stdout: "Created wren@example.com (writer)\n" });
    expect((await findUser("wren@example.com"))?.role).toBe("writer");
    expect(await users(["remove", "wren@example.com"])).toMatchObject({ code: 0 });
  });

  it("lists users with role and creation date", async () => {
    const run = await users(["list"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^EMAIL\s+ROLE\s+CREATED\s+2FA\nada@example\.com\s+admin\s+\d{4}-\d\d-\d\dT\S+\s+off\n$/);
  });

  it("turns off a locked-out user's two-factor sign-in, audited", async () => {
    const { secret } = await startEnrollment("ada@example.com");
    expect(await confirmEnrollment("ada@example.com", totpCode(secret))).toMatchObject({ ok: true });
    expect((await users(["list"])).stdout).toMatch(/ada@example\.com\s+admin\s+\S+\s+on\n/);
    expect(await users(["reset-2fa", "Ada@example.com"])).toMatchObject({ code: 0, stdout: expect.stringContaining("Two-factor sign-in is off for ada@example.com") });
    expect(await twoFactorStatus("ada@example.com")).toMatchObject({ enabled: false });
    expect(await users(["reset-2fa", "ada@example.com"])).toMatchObject({ code: 1, stderr: expect.stringContaining("does not use two-factor") });
    expect(await users(["reset-2fa", "nobody@example.com"])).toMatchObject({ code: 1, stderr: expect.stringContaining("No user nobody@example.com") });
    // Ada's records only: the earlier cases of this file audited others.
    const log = (await recentTeamChanges()).filter((r) => r.subject === "ada@example.com").map((r) => `${r.actor} ${r.action}`);
    expect(log).toEqual(["cli two-factor-reset", "cli add"]);
  });

  it("refuses a short password with exit 1 and names the minimum", async () => {
    const run = await users(["add", "bo@example.com", "--role", "editor", "--password-stdin"], "too short\n");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/at least 12 characters/);
    expect(run.stderr + run.stdout).not.toContain("too short");
    expect(await findUser("bo@example.com")).toBeNull();
  });

  it("exits 2 with usage on bad arguments", async () => {
    const cases = [[], ["add", "bo@example.com", "--role", "boss", "--password-stdin"], ["add", "bo@example.com", "--role", "editor"], ["frobnicate"], ["list", "--bogus"]];
    const runs = await Promise.all(cases.map((args) => users(args)));
    runs.forEach((run, i) => {
      expect(run.code, cases[i]!.join(" ")).toBe(2);
      expect(run.stderr).toContain("Usage:");
    });
  });

  it("removes a user, then reports a missing one with exit 1", async () => {
    expect(await users(["remove", "ADA@example.com"])).toMatchObject({ code: 0, stdout: "Removed ada@example.com\n" });
    expect(await findUser("ada@example.com")).toBeNull();
    expect(await users(["remove", "ada@example.com"])).toMatchObject({ code: 1, stderr: expect.stringContaining("users: No user ada@example.com\n") });
  });

  it("at a terminal, asks for the password twice without echoing it", async () => {
    const typed = "typed at a terminal";
    const run = await usersInTerminal(["add", "cy@example.com", "--role", "editor"], [
      { when: "Password (at least 12 characters): ", type: `${typed}\r` },
      { when: "Password again: ", type: `${typed}\r` },
    ]);
    expect(run.code).toBe(0);
    expect(run.screen).toContain("Created cy@example.com (editor)");
    expect(run.screen).not.toContain(typed);
    expect(await verifyPassword(typed, (await findUser("cy@example.com"))!.passwordHash)).toBe(true);
  });

  it("at a terminal, refuses two different passwords and changes nothing", async () => {
    const run = await usersInTerminal(["add", "cy@example.com", "--role", "admin"], [
      { when: "Password (at least 12 characters): ", type: "first password typed\r" },
      { when: "Password again: ", type: "second password typed\r" },
    ]);
    expect(run.code).toBe(1);
    expect(run.screen).toContain("users: the two passwords differ; nothing was changed");
    expect(run.screen).not.toMatch(/password typed/);
    expect((await findUser("cy@example.com"))?.role).toBe("editor");
  });

  it("at a terminal, Ctrl-C at the prompt cancels with exit 130", async () => {
    const run = await usersInTerminal(["add", "cy@example.com", "--role", "admin"], [{ when: "Password (at least 12 characters): ", type: "half\u0003" }]);
    expect(run.code).toBe(130);
    expect((await findUser("cy@example.com"))?.role).toBe("editor");
  });
});
