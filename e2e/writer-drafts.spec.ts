import { expect, test } from "@playwright/test";
import { bodyEditor, readPost, signIn } from "./fixtures";

// Journeys through real saves and sign-ins: generous on a busy machine (no assertion is about time).
test.describe.configure({ timeout: 90_000 });

const TITLE = "A writer's first draft";
const SLUG = "a-writers-first-draft";

test("a writer drafts a post with a live preview, saves it as a draft, and cannot publish it", async ({ page, request }) => {
  await signIn(page, "writer");
  await page.getByRole("link", { name: "New post" }).click();
  await expect(page).toHaveURL("/admin/posts/new");

  await page.getByLabel("Title").fill(TITLE);
  // The slug follows the title until someone edits it.
  await expect(page.getByLabel("Slug")).toHaveValue(SLUG);
  await expect(page.getByLabel("Date")).toHaveValue(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  const body = await bodyEditor(page);
  await body.click();
  await page.keyboard.type("Partnerships start with **one** honest call.");

  const preview = page.getByRole("region", { name: "Preview" });
  // Titles get the body's typography: the apostrophe is curled.
  await expect(preview.getByRole("heading", { level: 1 })).toHaveText("A writer’s first draft");
  await expect(preview.locator("strong")).toHaveText("one");

  // A writer has Save, never Publish, Schedule or Unpublish.
  await expect(page.getByRole("button", { name: "Save" })).toBeVisible();
  for (const name of ["Publish", "Schedule", "Unpublish", "Delete"]) await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  // Nor the Featured box: that is a marketer's.
  await expect(page.getByLabel("Featured")).toHaveCount(0);

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(`/admin/posts/${SLUG}?done=create`);
  await expect(page.getByRole("status").filter({ hasText: "Created as a draft." })).toBeVisible();
  const file = readPost(`${SLUG}.md`).toString();
  expect(file).toMatch(/\ntitle: "?A writer's first draft"?\n/);
  expect(file).toContain("\ndraft: true\n");
  expect(file).toContain("Partnerships start with **one** honest call.");

  // Not public: the post answers 404 and the dashboard lists it as a draft.
  expect((await request.get(`/blog/${SLUG}`)).status()).toBe(404);
  await page.goto("/admin?status=draft");
  await expect(page.getByRole("row", { name: new RegExp(TITLE) })).toContainText("Draft");
});

test("a writer cannot open a published post's editor, nor publish by posting the form", async ({ page }) => {
  await signIn(page, "writer");
  const response = await page.goto("/admin/posts/how-to-win-a-partnership-meeting");
  expect(response?.status()).toBe(403);
  // On the dashboard a published post's title is not a link to an editor for a writer.
  await page.goto("/admin?q=partnership+meeting");
  await expect(page.getByRole("row", { name: /How to win a partnership meeting/ }).getByRole("link", { name: /How to win/ })).toHaveCount(0);
});
