import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";

/** Accounts that scripts/e2e-server.mjs creates in the suite's own DATA_DIR (never in a real one). */
export const USERS = {
  admin: { email: "admin@e2e.test", password: "admin-password-e2e" },
  editor: { email: "editor@e2e.test", password: "editor-password-e2e" },
  writer: { email: "writer@e2e.test", password: "writer-password-e2e" },
  marketer: { email: "marketer@e2e.test", password: "marketer-password-e2e" },
  // Only the throttling test signs in (and fails) with this one, so its lock never gets in anyone's way.
  locked: { email: "locked@e2e.test", password: "locked-password-e2e" },
  revoked: { email: "revoked@e2e.test", password: "revoked-password-e2e" },
} as const;

export type UserName = keyof typeof USERS;

const workDir = path.resolve(process.env.E2E_WORK_DIR ?? ".e2e");

/** The bytes of a post in the suite's scratch copy of the sample site. */
export function readPost(file: string): Buffer {
  return readFileSync(path.join(workDir, "content", "posts", file));
}

/** The bytes of the same post as committed in the sample site, tests/fixtures/site. */
export function readOriginalPost(file: string): Buffer {
  return readFileSync(path.join("tests", "fixtures", "site", "posts", file));
}

/** Signs in through the form, as a person would, and waits for the dashboard. */
export async function signIn(page: Page, user: UserName, next?: string): Promise<void> {
  await page.goto(next ? `/admin/login?next=${encodeURIComponent(next)}` : "/admin/login");
  // Hashing the password is slow on purpose (scrypt), and slower on a busy machine; when other specs' sign-ins fill
  // the hashing queue the page says "Too many sign-ins right now. Try again in a few seconds", and a person would.
  await expect(async () => {
    if (/\/admin\/login/.test(page.url())) {
      await page.getByLabel("Email").fill(USERS[user].email);
      await page.getByLabel("Password").fill(USERS[user].password);
      await page.getByRole("button", { name: "Sign in" }).click();
    }
    await expect(page).not.toHaveURL(/\/admin\/login/, { timeout: 30_000 });
  }).toPass({ timeout: 120_000, intervals: [3_000] });
}

const suiteDataDir = () => path.join(workDir, "data");

/** A fresh email for one test run, so specs that create accounts can run again against the same server. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@e2e.test`;
}

/** Creates (or updates) an account through the real users command, in the suite's DATA_DIR (or another server's). */
export function addUser(email: string, role: string, password: string, dataDir = suiteDataDir()): void {
  const run = spawnSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/users.ts", "add", email, "--role", role, "--password-stdin"], {
    env: { ...process.env, DATA_DIR: dataDir },
    input: `${password}\n`,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`users add ${email} failed: ${run.stderr}`);
}

/** Signs in as any account through the form; stops at whatever page the sign-in leads to. */
export async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/admin\/login(\?|$)/, { timeout: 30_000 });
}

/**
 * The editor's Body field, once the page has settled on it: with JavaScript on, CodeMirror (a chunk of its own, slow
 * to arrive on a busy machine) replaces the plain textarea and hides it. A click aimed at the textarea before that
 * would wait forever on an element about to be hidden.
 */
export async function bodyEditor(page: Page): Promise<Locator> {
  await expect(page.locator("textarea#field-body")).toBeHidden({ timeout: 60_000 });
  return page.getByRole("textbox", { name: "Body" });
}
