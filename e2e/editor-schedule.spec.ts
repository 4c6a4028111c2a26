import { expect, test } from "@playwright/test";
import { bodyEditor, readPost, signIn } from "./fixtures";

// Journeys through real saves and sign-ins: generous on a busy machine (no assertion is about time).
test.describe.configure({ timeout: 90_000 });

const TITLE = "A post for next century";
const SLUG = "a-post-for-next-century";

test("an editor schedules a post: the button says Schedule for a future date, and the post stays off the site", async ({ page, request }) => {
  await signIn(page, "editor");
  await page.goto("/admin/posts/new");
  await page.getByLabel("Title").fill(TITLE);
  await expect(page.getByRole("button", { name: "Publish" })).toBeVisible();
  await page.getByLabel("Date").fill("2099-05-01T09:00:00+02:00");
  await expect(page.getByRole("button", { name: "Schedule" })).toBeVisible();
  await (await bodyEditor(page)).click();
  await page.keyboard.type("Not yet.");
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page).toHaveURL(`/admin/posts/${SLUG}?done=schedule`);
  await expect(page.getByRole("status").filter({ hasText: "Scheduled." })).toBeVisible();
  const file = readPost(`${SLUG}.md`).toString();
  expect(file).toContain("date: 2099-05-01T09:00:00+02:00");
  expect(file).not.toContain("draft: true");

  expect((await request.get(`/blog/${SLUG}`)).status()).toBe(404);
  await page.goto("/admin?status=scheduled");
  await expect(page.getByRole("row", { name: new RegExp(TITLE) })).toContainText("Scheduled for May 1, 2099");
  // A scheduled post can be taken back to a draft.
  await page.getByRole("link", { name: TITLE }).click();
  await page.getByRole("button", { name: "Unpublish" }).click();
  await expect(page.getByRole("status").filter({ hasText: "draft again" })).toBeVisible();
  expect(readPost(`${SLUG}.md`).toString()).toContain("\ndraft: true\n");
});
