import { expect as baseExpect, test } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { addUser, signIn, signInAs, uniqueEmail } from "./fixtures";

// Each journey hashes several passwords (scrypt, ~1 s each when idle): generous limits for a busy machine.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 180_000 });

// An admin requires two-factor sign-in for a role: a user of that role without it is sent to set it up before
// anything else. Runs alone, after every other spec (playwright.config.ts), because it changes who may sign in.

const PASSWORD = "policy-password-e2e";

test("a role that requires two-factor sends its users to set it up first", async ({ browser }) => {
  const email = uniqueEmail("policy");
  addUser(email, "marketer", PASSWORD);
  const admin = await browser.newPage();
  await signIn(admin, "admin");
  await admin.goto("/admin/users");
  const policy = admin.getByRole("form", { name: "Two-factor policy" });
  await policy.getByLabel("marketer").check();
  await policy.getByRole("button", { name: "Save two-factor policy" }).click();
  await expect(policy.getByRole("status")).toHaveText("Two-factor sign-in is now required for: marketer.");

  try {
    const page = await browser.newPage();
    await signInAs(page, email, PASSWORD);
    await expect(page).toHaveURL("/admin/account/two-factor");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Your role (marketer) requires two-factor sign-in. Set it up to continue.");
    for (const url of ["/admin", "/admin/account"]) {
      await page.goto(url);
      await expect(page).toHaveURL("/admin/account/two-factor");
    }
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const secret = (await page.getByTestId("totp-secret").innerText()).trim();
    const code = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate();
    await page.getByLabel("Code from the app").fill(code);
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
    await page.getByRole("link", { name: "Continue to the dashboard" }).click();
    await expect(page).toHaveURL("/admin");
    await expect(page.getByText(`Signed in as ${email} (marketer)`)).toBeVisible();
  } finally {
    await admin.goto("/admin/users");
    await admin.getByRole("form", { name: "Two-factor policy" }).getByLabel("marketer").uncheck();
    await admin.getByRole("button", { name: "Save two-factor policy" }).click();
    await expect(admin.getByRole("status")).toHaveText("Two-factor sign-in is now optional for every role.");
  }
});
