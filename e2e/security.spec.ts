import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test, type APIRequestContext, type Request } from "@playwright/test";
import { readPost, signIn, USERS } from "./fixtures";

const FILE = "pricing-a-co-sell-deal.md";
const TITLE = "Pricing a co-sell deal without leaving money on the table";

type Captured = { url: string; headers: Record<string, string>; body: string };

function replay(api: APIRequestContext, action: Captured, extra: Record<string, string> = {}) {
  const headers = { ...action.headers, ...extra };
  delete headers.cookie;
  return api.post(action.url, { headers, data: action.body, maxRedirects: 0 });
}

test.describe.configure({ mode: "serial" });

test("the featured server action refuses a replay without a session, with an editor's session and from a foreign origin", async ({ browser, baseURL, playwright }) => {
  const original = readPost(FILE);
  const marketer = await browser.newContext();
  const page = await marketer.newPage();
  await signIn(page, "marketer");
  const toggle = page.getByRole("row", { name: new RegExp(TITLE) }).getByRole("switch", { name: "Featured" });
  const requestPromise = page.waitForRequest((r: Request) => r.method() === "POST" && "next-action" in r.headers());
  await toggle.check();
  const request = await requestPromise;
  const action: Captured = { url: request.url(), headers: await request.allHeaders(), body: request.postData() ?? "" };
  await expect.poll(() => readPost(FILE).toString()).toContain("featured: true");
  await toggle.uncheck();
  await expect.poll(() => readPost(FILE).equals(original)).toBe(true);

  const anonymous = await playwright.request.newContext({ baseURL });
  const refused = await replay(anonymous, action);
  expect(await refused.text()).toContain("Your session has ended");
  expect(readPost(FILE).equals(original)).toBe(true);

  const editor = await browser.newContext();
  await signIn(await editor.newPage(), "editor");
  const asEditor = await replay(editor.request, action);
  expect(await asEditor.text()).toContain("may not do this");
  expect(readPost(FILE).equals(original)).toBe(true);

  const foreign = await replay(marketer.request, action, { origin: "https://evil.test" });
  expect(foreign.ok()).toBe(false);
  expect(readPost(FILE).equals(original)).toBe(true);

  // The same replay with the marketer's own session and origin does change the file: the refusals above are real.
  const control = await replay(marketer.request, action);
  expect(control.ok()).toBe(true);
  await expect.poll(() => readPost(FILE).toString()).toContain("featured: true");
  await page.reload();
  await page.getByRole("row", { name: new RegExp(TITLE) }).getByRole("switch", { name: "Featured" }).uncheck();
  await expect.poll(() => readPost(FILE).equals(original)).toBe(true);
});

test("admin pages redirect to sign-in without a session, whatever the headers say", async ({ request }) => {
  for (const url of ["/admin", "/admin/preview/channel-conflict-playbook"]) {
    const variants: Record<string, string>[] = [
      {},
      { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
      { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
    ];
    for (const headers of variants) {
      const response = await request.get(url, { headers, maxRedirects: 0 });
      expect(response.status(), `${url} ${JSON.stringify(headers)}`).toBe(307);
      expect(response.headers()["location"]).toMatch(/^\/admin\/login\?next=%2Fadmin/);
      expect(await response.text()).not.toContain("A playbook for channel conflict");
    }
    // An RSC request gets the redirect inside the payload, and nothing else.
    const rsc = await request.get(url, { headers: { RSC: "1" } });
    const payload = await rsc.text();
    expect(payload).toContain("NEXT_REDIRECT;replace;/admin/login?next=%2Fadmin");
    expect(payload).not.toContain("A playbook for channel conflict");
    expect(payload).not.toContain("Recent changes");
  }
});

test("a cookie from before sign-out is dead, and so is a removed user's", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "editor");
  const cookies = await context.cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/login/);

  const stale = await browser.newContext();
  await stale.addCookies(cookies);
  const stalePage = await stale.newPage();
  await stalePage.goto("/admin");
  await expect(stalePage).toHaveURL(/\/admin\/login\?next=%2Fadmin/);

  const removed = await browser.newContext();
  const removedPage = await removed.newPage();
  await signIn(removedPage, "revoked");
  await expect(removedPage).toHaveURL("/admin");
  const cli = spawnSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/users.ts", "remove", USERS.revoked.email], {
    env: { ...process.env, DATA_DIR: path.resolve(process.env.E2E_WORK_DIR ?? ".e2e", "data") },
    encoding: "utf8",
  });
  expect(cli.status, cli.stderr).toBe(0);
  await removedPage.goto("/admin");
  await expect(removedPage).toHaveURL(/\/admin\/login/);
});

test("sign-in never redirects off-site, and says the same for an unknown user and a wrong password", async ({ page, baseURL }) => {
  for (const next of ["//evil.test", "https://evil.test", "/\\evil.test", "/admin/../../evil"]) {
    await signIn(page, "editor", next);
    expect(new URL(page.url()).host).toBe(new URL(baseURL!).host);
    expect(new URL(page.url()).pathname).toBe("/admin");
    await page.getByRole("button", { name: "Sign out" }).click();
    // Wait for the sign-out to land: on a busy server the next sign-in page would otherwise still see the session.
    await expect(page).toHaveURL(/\/admin\/login/);
  }
  const messages: string[] = [];
  for (const [email, password] of [["nobody@e2e.test", "whatever-password"], [USERS.editor.email, "wrong-password-here"]]) {
    await page.goto("/admin/login");
    await page.getByLabel("Email").fill(email!);
    await page.getByLabel("Password").fill(password!);
    await page.getByRole("button", { name: "Sign in" }).click();
    messages.push(await page.locator(".form-error").innerText());
  }
  expect(messages[0]).toBe("That email and password do not match an account.");
  expect(messages[1]).toBe(messages[0]);
});

test("ten wrong passwords lock the account, even for the right password", async ({ page }) => {
  for (let attempt = 0; attempt < 10; attempt++) {
    await page.goto("/admin/login");
    await page.getByLabel("Email").fill(USERS.locked.email);
    await page.getByLabel("Password").fill(`wrong-password-${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".form-error")).toHaveText("That email and password do not match an account.");
  }
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(USERS.locked.email);
  await page.getByLabel("Password").fill(USERS.locked.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator(".form-error")).toHaveText("Too many attempts. Wait 15 minutes, then try again.");
  await expect(page).toHaveURL(/\/admin\/login/);
});
