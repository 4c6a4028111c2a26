import { expect as baseExpect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { addUser, uniqueEmail } from "./fixtures";

// Each journey hashes several passwords (scrypt, ~1 s each when idle): generous limits for a busy machine.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 180_000 });

// A user turns on two-factor sign-in with a QR code drawn by the server, signs out, signs in with a code computed
// here from the key the page showed (as a phone would), then with a recovery code, which fails the second time.

const PASSWORD = "two-factor-password-e2e";

/** The code an authenticator app shows for `secret`, one step ahead: the set-up used up the current step's code. */
function codeFor(secret: string, stepsAhead = 1): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

async function passwordStep(page: Page, email: string): Promise<void> {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/login\/two-factor/);
}

async function codeStep(page: Page, code: string): Promise<void> {
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/login/);
}

/** Turns two-factor on from the account page; returns the key and the recovery codes shown. */
async function enroll(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.goto("/admin/account");
  await page.getByRole("link", { name: "Set up two-factor sign-in" }).click();
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const qr = page.getByRole("img", { name: "QR code for your authenticator app" });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("That code is not right.");
  await page.getByLabel("Code from the app").fill(codeFor(secret, 0));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("status")).toContainText("Two-factor sign-in is on.");
  const recoveryCodes = await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allInnerTexts();
  expect(recoveryCodes).toHaveLength(10);
  return { secret, recoveryCodes: recoveryCodes.map((c) => c.trim()) };
}

for (const javaScriptEnabled of [true, false]) {
  test(`two-factor sign-in: set up, a code, a recovery code once (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
    const email = uniqueEmail(javaScriptEnabled ? "totp" : "totp-nojs");
    addUser(email, "editor", PASSWORD);
    const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
    await page.goto("/admin/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/admin");

    const { secret, recoveryCodes } = await enroll(page);
    await page.goto("/admin/account");
    await expect(page.getByRole("region", { name: "Two-factor sign-in" })).toContainText("Two-factor sign-in is on, with 10 recovery codes left");
    await signOut(page);

    // The password alone no longer signs in; a wrong code is refused; the code from the key does.
    await passwordStep(page, email);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/login\?next=%2Fadmin/);
    await passwordStep(page, email);
    await codeStep(page, "123456");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("That code is not right.");
    await codeStep(page, codeFor(secret));
    await expect(page).toHaveURL("/admin");
    await expect(page.getByText(`Signed in as ${email} (editor)`)).toBeVisible();
    await signOut(page);

    // A recovery code works once.
    await passwordStep(page, email);
    await codeStep(page, recoveryCodes[0]!);
    await expect(page).toHaveURL("/admin");
    await page.goto("/admin/account");
    await expect(page.getByRole("region", { name: "Two-factor sign-in" })).toContainText("9 recovery codes left");
    await signOut(page);
    await passwordStep(page, email);
    await codeStep(page, recoveryCodes[0]!);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("That code is not right.");
    await expect(page).toHaveURL(/\/admin\/login\/two-factor/);
  });
}

test("the code page without a right password first sends to sign-in", async ({ page }) => {
  await page.goto("/admin/login/two-factor");
  await expect(page).toHaveURL(/\/admin\/login\?next=%2Fadmin$/);
});
