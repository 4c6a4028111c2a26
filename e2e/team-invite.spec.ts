import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { signIn, uniqueEmail } from "./fixtures";

// Each journey hashes several passwords (scrypt, ~1 s each when idle): generous limits for a busy machine.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 180_000 });

// An admin invites an editor, who chooses a password through the one-time link and signs in; with and without
// JavaScript, since every form here is a plain form.

const PASSWORD = "invited-password-e2e";

async function invite(page: Page, email: string, role: string): Promise<string> {
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Invite" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption(role);
  await form.getByRole("button", { name: "Invite" }).click();
  await expect(form.getByRole("status")).toContainText(`Invitation for ${email} (${role}) created`);
  const link = await form.getByLabel("Link").inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/admin\/invite\/[A-Za-z0-9_-]{43}$/);
  return link;
}

async function journey(browser: Browser, javaScriptEnabled: boolean): Promise<void> {
  const email = uniqueEmail(javaScriptEnabled ? "invited" : "invited-nojs");
  const admin = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await signIn(admin, "admin");
  const link = await invite(admin, email, "editor");
  await admin.goto("/admin/users");
  await expect(admin.getByRole("table").filter({ hasText: "Pending invitations" }).getByRole("row", { name: new RegExp(email) })).toBeVisible();

  const invitee = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await invitee.goto(link);
  await expect(invitee.getByText(`You are invited as editor. Choose a password for ${email}.`)).toBeVisible();
  // The token is in the URL: no Referer may carry it to another site.
  expect(await invitee.locator('meta[name="referrer"]').getAttribute("content")).toBe("same-origin");
  // A weak password is refused with the reason, and the link still works afterwards.
  await invitee.getByLabel("New password", { exact: true }).fill("short-pass");
  await invitee.getByLabel("Confirm new password").fill("short-pass");
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.getByRole("main").getByRole("alert")).toContainText("Password must be at least 12 characters");
  await invitee.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await invitee.getByLabel("Confirm new password").fill(PASSWORD);
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expect(invitee).toHaveURL(/\/admin\/login\?notice=joined/);
  await expect(invitee.getByRole("status")).toHaveText("Your account is ready. Sign in with your new password.");

  await invitee.getByLabel("Email").fill(email);
  await invitee.getByLabel("Password").fill(PASSWORD);
  await invitee.getByRole("button", { name: "Sign in" }).click();
  await expect(invitee).toHaveURL("/admin");
  await expect(invitee.getByText(`Signed in as ${email} (editor)`)).toBeVisible();

  // The link worked once.
  const again = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await again.goto(link);
  await expect(again.getByRole("main").getByRole("alert")).toHaveText("This link has already been used. Sign in, or ask an admin for a new link.");
  await expect(again.getByRole("button", { name: "Set password" })).toHaveCount(0);

  await admin.goto("/admin/users");
  const row = admin.getByRole("table").first().getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText("editor");
  await expect(row.getByRole("cell").nth(1)).toContainText("UTC"); // last sign-in
  await expect(admin.getByRole("region", { name: "Recent team changes" })).toContainText(`${email} joined as ${email} (editor)`);
}

test("an admin invites an editor, who sets a password through the link and signs in", async ({ browser }) => {
  await journey(browser, true);
});

test("the same invitation journey works without JavaScript", async ({ browser }) => {
  await journey(browser, false);
});

test("an invitation form refuses bad input with a message and invites nobody", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Invite" });
  await form.getByLabel("Email").fill("editor@e2e.test");
  await form.getByRole("button", { name: "Invite" }).click();
  await expect(form.getByRole("alert")).toHaveText("editor@e2e.test already has an account.");
  await expect(form.getByLabel("Link")).toHaveCount(0);
});

test("guessed and altered invitation links show nothing", async ({ page }) => {
  for (const token of ["A".repeat(43), "short"]) {
    await page.goto(`/admin/invite/${encodeURIComponent(token)}`);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("This link is not valid.");
    await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
  }
  // A "token" holding a slash never reaches the page: proxy.ts answers 404 for any path segment with one.
  const response = await page.goto(`/admin/invite/${encodeURIComponent("../../etc/passwd")}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
});
