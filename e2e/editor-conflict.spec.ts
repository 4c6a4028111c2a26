import { expect, test } from "@playwright/test";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { bodyEditor, readPost, signIn } from "./fixtures";

// Journeys through real saves and sign-ins: generous on a busy machine (no assertion is about time).
test.describe.configure({ timeout: 90_000 });

const TITLE = "Two people, one file";
const SLUG = "two-people-one-file";
const postFile = () => path.join(path.resolve(process.env.E2E_WORK_DIR ?? ".e2e"), "content", "posts", `${SLUG}.md`);

test("a save over a file changed on disk is refused, nothing is written, nothing typed is lost, and overwriting is a second step", async ({ page }) => {
  await signIn(page, "editor");
  await page.goto("/admin/posts/new");
  await page.getByLabel("Title").fill(TITLE);
  await (await bodyEditor(page)).click();
  await page.keyboard.type("The first version.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(`/admin/posts/${SLUG}?done=create`);

  // Someone else changes the file on disk (a git pull, another editor).
  const theirs = readPost(`${SLUG}.md`).toString().replace("The first version.", "Their version, from disk.");
  writeFileSync(postFile(), theirs);

  await page.getByLabel("Title").fill("My better title");
  await (await bodyEditor(page)).click();
  await page.keyboard.press("End");
  await page.keyboard.type(" My added sentence.");
  await page.getByRole("button", { name: "Save" }).click();

  const alert = page.getByRole("alert").filter({ hasText: "Not saved" });
  await expect(alert).toContainText("changed on disk since you opened it");
  await expect(alert).toContainText("Body");
  expect(readPost(`${SLUG}.md`).toString()).toBe(theirs);
  await expect(page.getByLabel("Title")).toHaveValue("My better title");
  await expect(page.getByRole("textbox", { name: "Body" })).toContainText("My added sentence.");

  await page.getByRole("button", { name: "Overwrite with my version" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  const mine = readPost(`${SLUG}.md`).toString();
  expect(mine).toContain("title: My better title");
  expect(mine).toContain("My added sentence.");
});

test("unsaved work survives a reload: the editor offers to restore it", async ({ page }) => {
  await signIn(page, "editor");
  await page.goto("/admin/posts/new");
  await page.getByLabel("Title").fill("Words I must not lose");
  await (await bodyEditor(page)).click();
  await page.keyboard.type("Half a thought");
  // The backup is written after a short pause in typing; wait for it rather than for a time.
  await expect.poll(() => page.evaluate(() => window.localStorage.getItem("folio:editor:new") ?? "")).toContain("Half a thought");
  await page.reload();
  await expect(page.getByLabel("Title")).toHaveValue("");
  await page.getByRole("button", { name: "Restore unsaved changes" }).click();
  await expect(page.getByLabel("Title")).toHaveValue("Words I must not lose");
  await expect(page.getByRole("textbox", { name: "Body" })).toContainText("Half a thought");
});
