import { expect, test, type Page } from "@playwright/test";
import { bodyEditor, readPost, signIn } from "./fixtures";

// Journeys through real saves and sign-ins: generous on a busy machine (no assertion is about time).
test.describe.configure({ timeout: 90_000 });

const TITLE = "Publishing from the desk";
const SLUG = "publishing-from-the-desk";

async function write(page: Page) {
  await page.goto("/admin/posts/new");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Description").fill("A post written and published in the browser.");
  await page.getByLabel("Topics").fill("partnerships");
  await page.getByLabel("Date").fill("2026-01-05T09:00:00+01:00");
  await (await bodyEditor(page)).click();
  await page.keyboard.type("Written in the browser, live within a second.");
}

test("an editor publishes a new post and a reader sees it on the post, the home page and the feed; unpublishing takes it away", async ({ page, browser }) => {
  await signIn(page, "editor");
  await write(page);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page).toHaveURL(`/admin/posts/${SLUG}?done=publish`);
  await expect(page.getByRole("status").filter({ hasText: "Published" })).toBeVisible();
  expect(readPost(`${SLUG}.md`).toString()).not.toContain("draft: true");

  const reader = await (await browser.newContext()).newPage();
  await expect(async () => {
    const response = await reader.goto(`/blog/${SLUG}`);
    expect(response?.status()).toBe(200);
  }).toPass({ timeout: 10_000 });
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(async () => {
    await reader.goto("/");
    await expect(reader.getByRole("link", { name: TITLE })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await expect(async () => {
    const feed = await reader.request.get("/feed.xml");
    expect(await feed.text()).toContain(TITLE);
  }).toPass({ timeout: 10_000 });

  // Unpublish: a draft again, and gone from the site.
  await page.getByRole("button", { name: "Unpublish" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Unpublished" })).toBeVisible();
  expect(readPost(`${SLUG}.md`).toString()).toContain("\ndraft: true\n");
  await expect(async () => {
    expect((await reader.request.get(`/blog/${SLUG}`)).status()).toBe(404);
  }).toPass({ timeout: 10_000 });
  await expect(page.getByRole("button", { name: "Publish" })).toBeVisible();
});
