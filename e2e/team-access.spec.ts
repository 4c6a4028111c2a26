import { expect as baseExpect, test, type APIRequestContext, type Page, type Request } from "@playwright/test";
import { signIn, uniqueEmail } from "./fixtures";

// Each journey hashes several passwords (scrypt, ~1 s each when idle): generous limits for a busy machine.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 180_000 });

// Each team page and server action checks the session and role itself: no session, and the wrong role, get
// nothing, whatever a replayed request carries.

test("team pages need a session, and /admin/users needs an admin", async ({ request, browser }) => {
  for (const url of ["/admin/users", "/admin/account", "/admin/account/two-factor"]) {
    const response = await request.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(307);
    expect(response.headers()["location"]).toBe(`/admin/login?next=${encodeURIComponent(url)}`);
    expect(response.headers()["cache-control"]).toContain("no-store");
  }
  for (const user of ["writer", "editor", "marketer"] as const) {
    const page = await browser.newPage();
    await signIn(page, user);
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByText("admin@e2e.test")).toHaveCount(0);
    // Everyone signed in has an account page.
    expect((await page.goto("/admin/account"))?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  }
});

type Captured = { url: string; headers: Record<string, string>; body: string };

async function capture(page: Page, click: () => Promise<void>): Promise<Captured> {
  const requestPromise = page.waitForRequest((r: Request) => r.method() === "POST" && "next-action" in r.headers());
  await click();
  const request = await requestPromise;
  return { url: request.url(), headers: await request.allHeaders(), body: request.postData() ?? "" };
}

function replay(api: APIRequestContext, action: Captured) {
  const headers = { ...action.headers };
  delete headers.cookie;
  return api.post(action.url, { headers, data: action.body, maxRedirects: 0 });
}

test("the users page's actions refuse a replay without a session and with a non-admin's", async ({ browser, playwright, baseURL }) => {
  const admin = await browser.newPage();
  await signIn(admin, "admin");
  await admin.goto("/admin/users");
  const email = uniqueEmail("replayed");
  const form = admin.getByRole("form", { name: "Invite" });
  await form.getByLabel("Email").fill(email);
  const invite = await capture(admin, () => form.getByRole("button", { name: "Invite" }).click());
  await expect(form.getByRole("status")).toContainText(email);
  const pending = admin.getByRole("table").filter({ hasText: "Pending invitations" });
  await pending.getByRole("button", { name: `Cancel invitation of ${email}` }).click();
  await expect(pending.getByRole("row", { name: new RegExp(email) })).toHaveCount(0);

  const anonymous = await playwright.request.newContext({ baseURL });
  const refused = await replay(anonymous, invite);
  expect(await refused.text()).toContain("Your session has ended");
  const editor = await browser.newContext();
  await signIn(await editor.newPage(), "editor");
  const asEditor = await replay(editor.request, invite);
  expect(await asEditor.text()).toContain("may not do this");

  await admin.goto("/admin/users");
  await expect(admin.getByRole("table").filter({ hasText: "Pending invitations" }).getByText(email)).toHaveCount(0);
  // The admin's own replay does invite again: the refusals above were the checks, not a broken replay.
  expect(await (await replay(admin.context().request, invite)).text()).toContain(`Invitation for ${email}`);
});

test("the account page's actions refuse a replay without a session", async ({ browser, playwright, baseURL }) => {
  const page = await browser.newPage();
  await signIn(page, "marketer");
  await page.goto("/admin/account");
  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("wrong-current-password");
  await form.getByLabel("New password", { exact: true }).fill("some-new-password");
  await form.getByLabel("Confirm new password").fill("some-new-password");
  const change = await capture(page, () => form.getByRole("button", { name: "Change password" }).click());
  await expect(form.getByRole("alert")).toHaveText("Your current password is not right.");
  const anonymous = await playwright.request.newContext({ baseURL });
  expect(await (await replay(anonymous, change)).text()).toContain("Your session has ended");
});
