import { expect, test } from "@playwright/test";
import { bodyEditor, readPost, signIn } from "./fixtures";

test.describe.configure({ timeout: 90_000 });

const TITLE = "A post that changes its name";

test("renaming a published post's slug keeps the old URL working: it redirects to the new one", async ({ page, request }) => {
  await signIn(page, "editor");
  await page.goto("/admin/posts/new");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Date").fill("2026-01-10T09:00:00+00:00");
  await (await bodyEditor(page)).click();
  await page.keyboard.type("Names change; links should not break.");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page).toHaveURL("/admin/posts/a-post-that-changes-its-name?done=publish");
  await expect.poll(async () => (await request.get("/blog/a-post-that-changes-its-name")).status(), { timeout: 10_000 }).toBe(200);

  await page.getByLabel("Slug").fill("a-renamed-post");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL("/admin/posts/a-renamed-post?done=renamed");
  const file = readPost("a-post-that-changes-its-name.md").toString();
  expect(file).toMatch(/\nslug: a-renamed-post\n/);
  expect(file).toContain("/blog/a-post-that-changes-its-name");

  await expect.poll(async () => (await request.get("/blog/a-renamed-post")).status(), { timeout: 10_000 }).toBe(200);
  const old = await request.get("/blog/a-post-that-changes-its-name", { maxRedirects: 0 });
  expect([301, 308]).toContain(old.status());
  expect(old.headers()["location"]).toMatch(/\/blog\/a-renamed-post\/?$/);
});
