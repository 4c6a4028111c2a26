import { expect, test } from "@playwright/test";
import { readPost, signIn } from "./fixtures";

// Journeys through real saves and sign-ins: generous on a busy machine (no assertion is about time).
test.describe.configure({ timeout: 90_000 });

test.use({ javaScriptEnabled: false });

const TITLE = "Written without JavaScript";
const SLUG = "written-without-javascript";

test("the whole save path works with JavaScript off: create, refuse a bad field keeping the text, save, publish", async ({ page }) => {
  await signIn(page, "editor");
  await page.goto("/admin/posts/new");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Slug").fill(SLUG);
  await page.getByLabel("Date").fill("2026-02-01T10:00:00+00:00");
  await page.getByLabel("Body").fill("A plain textarea, posted as a plain form.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(`/admin/posts/${SLUG}?done=create`);
  await expect(page.getByText("Created as a draft.")).toBeVisible();
  expect(readPost(`${SLUG}.md`).toString()).toContain("A plain textarea, posted as a plain form.");

  // A bad date: the error is next to the field, the form keeps every character, the file is untouched.
  const before = readPost(`${SLUG}.md`);
  await page.getByLabel("Date").fill("the second of February");
  await page.getByLabel("Body").fill("An edit that must survive the refusal.");
  await page.getByRole("button", { name: "Save" }).click();
  const date = page.getByLabel("Date");
  await expect(date).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${await date.getAttribute("aria-describedby").then((ids) => ids!.split(" ").at(-1))}`)).toContainText("Date must be an ISO 8601 date");
  await expect(date).toHaveValue("the second of February");
  await expect(page.getByLabel("Body")).toHaveValue("An edit that must survive the refusal.");
  expect(readPost(`${SLUG}.md`).equals(before)).toBe(true);

  await page.getByLabel("Date").fill("2026-02-01T10:00:00+00:00");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  expect(readPost(`${SLUG}.md`).toString()).toContain("An edit that must survive the refusal.");

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText(/^Published/)).toBeVisible();
  expect(readPost(`${SLUG}.md`).toString()).not.toContain("draft: true");
});
