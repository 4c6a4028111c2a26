import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { addUser, signIn, signInAs, uniqueEmail } from "./fixtures";

// Each journey hashes several passwords (scrypt, ~1 s each when idle): generous limits for a busy machine.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 180_000 });

// What an admin does to other accounts: a role change is seen on the user's next request; removal and a password
// reset end every session at once.

const PASSWORD = "member-password-e2e";

async function userPage(browser: Browser, email: string, javaScriptEnabled = true): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await signInAs(page, email, PASSWORD);
  await expect(page).toHaveURL("/admin");
  return page;
}

function row(admin: Page, email: string) {
  return admin.getByRole("table").first().getByRole("row", { name: new RegExp(email) });
}

test("a role change takes effect on the user's next request", async ({ browser }) => {
  const email = uniqueEmail("promoted");
  addUser(email, "editor", PASSWORD);
  const user = await userPage(browser, email);
  const before = await user.goto("/admin/users");
  expect(before?.status()).toBe(403);
  await expect(user.getByRole("heading", { name: "Not allowed" })).toBeVisible();

  const admin = await browser.newPage();
  await signIn(admin, "admin");
  await admin.goto("/admin/users");
  await expect(row(admin, email).getByRole("cell").nth(2)).toHaveText("1"); // active sessions
  await row(admin, email).getByLabel(`Role of ${email}`).selectOption("admin");
  await row(admin, email).getByRole("button", { name: "Change role" }).click();
  await expect(row(admin, email).getByRole("status")).toHaveText(`${email} is now admin, from their next request.`);

  // Same session, no sign-in again: the next request sees the new role.
  const after = await user.goto("/admin/users");
  expect(after?.status()).toBe(200);
  await expect(user.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(admin.getByRole("region", { name: "Recent team changes" })).toBeVisible();
  await admin.reload();
  await expect(admin.getByRole("region", { name: "Recent team changes" })).toContainText(`admin@e2e.test changed the role of ${email} (editor → admin)`);
});

test("removing a user ends their sessions at once", async ({ browser }) => {
  const email = uniqueEmail("removed");
  addUser(email, "marketer", PASSWORD);
  const first = await userPage(browser, email);
  const second = await userPage(browser, email);

  const admin = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(admin, "admin");
  await admin.goto("/admin/users");
  await expect(row(admin, email).getByRole("cell").nth(2)).toHaveText("2");
  await row(admin, email).getByText("Remove", { exact: true }).click();
  await row(admin, email).getByRole("button", { name: `Remove ${email}` }).click();
  await expect(admin.getByRole("status")).toHaveText("User removed; their sessions have ended.");
  await expect(row(admin, email)).toHaveCount(0);

  for (const page of [first, second]) {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/login\?next=%2Fadmin/);
  }
  await first.getByLabel("Email").fill(email);
  await first.getByLabel("Password").fill(PASSWORD);
  await first.getByRole("button", { name: "Sign in" }).click();
  await expect(first.getByRole("main").getByRole("alert")).toHaveText("That email and password do not match an account.");
});

test("a password reset ends every session, kills the old password, and its link sets a new one once", async ({ browser }) => {
  const email = uniqueEmail("reset");
  addUser(email, "editor", PASSWORD);
  const user = await userPage(browser, email);

  const admin = await browser.newPage();
  await signIn(admin, "admin");
  await admin.goto("/admin/users");
  await row(admin, email).getByText("Reset password", { exact: true }).click();
  await row(admin, email).getByRole("button", { name: `Reset password of ${email}` }).click();
  await expect(row(admin, email).getByRole("status")).toContainText(`${email} is signed out everywhere`);
  const link = await row(admin, email).getByLabel("Link").inputValue();
  expect(link).toMatch(/\/admin\/reset\/[A-Za-z0-9_-]{43}$/);

  await user.goto("/admin");
  await expect(user).toHaveURL(/\/admin\/login/);
  await user.getByLabel("Email").fill(email);
  await user.getByLabel("Password").fill(PASSWORD);
  await user.getByRole("button", { name: "Sign in" }).click();
  await expect(user.getByRole("main").getByRole("alert")).toHaveText("That email and password do not match an account.");

  const fresh = "a-new-password-after-reset";
  await user.goto(link);
  await user.getByLabel("New password", { exact: true }).fill(fresh);
  await user.getByLabel("Confirm new password").fill(`${fresh}-typo`);
  await user.getByRole("button", { name: "Set password" }).click();
  await expect(user.getByRole("main").getByRole("alert")).toHaveText("The two passwords differ.");
  await user.getByLabel("New password", { exact: true }).fill(fresh);
  await user.getByLabel("Confirm new password").fill(fresh);
  await user.getByRole("button", { name: "Set password" }).click();
  await expect(user.getByRole("status")).toHaveText("Your password is set. Sign in with it.");
  await signInAs(user, email, fresh);
  await expect(user).toHaveURL("/admin");

  await user.goto(link);
  await expect(user.getByRole("main").getByRole("alert")).toContainText("This link has already been used.");
});

test("a user changes their own password and ends their other sessions from the account page", async ({ browser }) => {
  const email = uniqueEmail("account");
  addUser(email, "marketer", PASSWORD);
  const elsewhere = await userPage(browser, email);
  const here = await userPage(browser, email, false);
  await here.goto("/admin/account");
  const sessions = here.getByRole("region", { name: "Sessions" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions.getByText("(this browser)")).toHaveCount(1);
  await sessions.getByRole("button", { name: /^End session from/ }).click();
  await expect(here.getByRole("status")).toHaveText("Session ended: that browser is signed out.");
  await elsewhere.goto("/admin");
  await expect(elsewhere).toHaveURL(/\/admin\/login/);
  await signInAs(elsewhere, email, PASSWORD);

  const form = here.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("not-the-password");
  await form.getByLabel("New password", { exact: true }).fill("my-brand-new-password");
  await form.getByLabel("Confirm new password").fill("my-brand-new-password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(here.getByRole("main").getByRole("alert")).toHaveText("Your current password is not right.");
  await form.getByLabel("Current password").fill(PASSWORD);
  await form.getByLabel("New password", { exact: true }).fill("my-brand-new-password");
  await form.getByLabel("Confirm new password").fill("my-brand-new-password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(here.getByRole("form", { name: "Change password" }).getByRole("status")).toHaveText("Password changed. Every other session of yours has ended.");
  // This browser stays signed in with a fresh session; the other is signed out.
  await here.goto("/admin/account");
  await expect(here.getByRole("heading", { name: "Your account" })).toBeVisible();
  await elsewhere.goto("/admin");
  await expect(elsewhere).toHaveURL(/\/admin\/login/);
  await signInAs(elsewhere, email, "my-brand-new-password");
});
