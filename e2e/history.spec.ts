import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { bodyEditor, readPost, signIn } from "./fixtures";

// Journeys through real saves and sign-ins: generous on a busy machine (no assertion is about time).
test.describe.configure({ timeout: 120_000 });

const TITLE = "A post with a past";
const SLUG = "a-post-with-a-past";
const FILE = `${SLUG}.md`;
const HISTORY = `/admin/posts/${SLUG}/history`;
const postFile = () => path.join(path.resolve(process.env.E2E_WORK_DIR ?? ".e2e"), "content", "posts", FILE);

/** Types into the body once CodeMirror has replaced the plain text area (a click before then hits a hidden field). */
async function typeBody(page: Page, body: string) {
  await expect(page.locator(".cm-editor")).toBeVisible();
  await (await bodyEditor(page)).click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(body);
}

async function saveBody(page: Page, body: string) {
  await typeBody(page, body);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
}

/** The history entry whose heading says `text`. */
const entry = (page: Page, text: string | RegExp) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: text }) });

test.describe.serial("history", () => {
  test("edit twice, see each diff, restore the first version, then undo the restore", async ({ page }) => {
    await signIn(page, "editor");
    await page.goto("/admin/posts/new");
    await page.getByLabel("Title").fill(TITLE);
    await typeBody(page, "The first version of this post.");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page).toHaveURL(`/admin/posts/${SLUG}?done=create`);
    const first = readPost(FILE).toString();
    await saveBody(page, "The second version, rewritten.");
    await saveBody(page, "The third version, final.");
    await expect.poll(() => readPost(FILE).toString(), { timeout: 20_000 }).toContain("The third version, final.");
    const third = readPost(FILE).toString();

    await page.getByRole("link", { name: /^History/ }).click();
    await expect(page).toHaveURL(HISTORY);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`History of “${TITLE}”`);
    const latest = entry(page, /editor@e2e\.test saved a-post-with-a-past \(body\)/).first();
    await expect(latest.locator("del")).toHaveText("- The second version, rewritten.");
    await expect(latest.locator("ins")).toHaveText("+ The third version, final.");
    await expect(latest).toContainText("This is the current version.");
    const created = entry(page, /editor@e2e\.test created a-post-with-a-past/);
    await expect(created).toContainText("Fields changed: title, date, draft");

    // An earlier version, exactly as it rendered.
    await created.getByRole("link", { name: "Preview this version" }).click();
    await expect(page.getByRole("status").filter({ hasText: "An earlier version of this post" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
    await expect(page.getByText("The first version of this post.")).toBeVisible();
    await page.goBack();

    await created.getByRole("button", { name: "Restore" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Restored" })).toBeVisible();
    expect(readPost(FILE).toString()).toBe(first);
    const restore = entry(page, /editor@e2e\.test restored an earlier version of a-post-with-a-past \(body\)/);
    await expect(restore.locator("del")).toHaveText("- The third version, final.");
    await expect(restore.locator("ins")).toHaveText("+ The first version of this post.");

    // The notice of the first restore is on the page already: wait for the second restore's entry instead.
    await page.getByRole("button", { name: "Undo restore" }).click();
    await expect(entry(page, /restored an earlier version/)).toHaveCount(2);
    expect(readPost(FILE).toString()).toBe(third);
  });

  test("a change made on disk shows as changed outside the admin, and the dashboard links each change to its diff", async ({ page }) => {
    const edited = readPost(FILE).toString().replace("The third version, final.", "Edited in a text editor on the server.");
    writeFileSync(postFile(), edited);
    await signIn(page, "editor");
    await expect(async () => {
      await page.goto(HISTORY);
      await expect(entry(page, /outside the admin changed a-post-with-a-past \(body\)/).locator("ins")).toHaveText("+ Edited in a text editor on the server.", { timeout: 1000 });
    }).toPass({ timeout: 20_000 });

    await page.goto("/admin");
    const changes = page.getByRole("region", { name: "Recent changes" });
    await changes.getByRole("link", { name: "changed a-post-with-a-past (body)" }).first().click();
    await expect(page).toHaveURL(new RegExp(`${HISTORY}#change-`));
    const anchor = new URL(page.url()).hash.slice(1);
    await expect(page.locator(`[id="${anchor}"]`)).toContainText("outside the admin");
  });

  test("a stale Restore writes nothing: the file changed since the page was opened", async ({ page }) => {
    await signIn(page, "editor");
    await page.goto(HISTORY);
    const before = readPost(FILE).toString();
    const changed = `${before}\nOne more line, on disk.\n`;
    writeFileSync(postFile(), changed);
    await entry(page, /created a-post-with-a-past/).getByRole("button", { name: "Restore" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "the file changed on disk since you opened this page" })).toBeVisible();
    expect(readPost(FILE).toString()).toBe(changed);
  });

  test("the history is for those who may edit the post: no session, a marketer, a writer on a public post", async ({ page, browser }) => {
    const response = await page.goto(HISTORY);
    await expect(page).toHaveURL(/\/admin\/login\?next=/);
    expect(response?.status()).toBe(200);

    await signIn(page, "marketer");
    expect((await page.goto(HISTORY))?.status()).toBe(403);

    const writer = await (await browser.newContext()).newPage();
    await signIn(writer, "writer");
    expect((await writer.goto("/admin/posts/how-to-win-a-partnership-meeting/history"))?.status()).toBe(403);
    expect((await writer.goto(HISTORY))?.status()).toBe(200); // a draft: a writer may edit it, and see its history
    await writer.context().close();
  });

  test("the Restore action checks the session itself: signed out meanwhile, nothing is restored", async ({ page }) => {
    await signIn(page, "editor");
    await page.goto(HISTORY);
    const before = readPost(FILE).toString();
    await page.context().clearCookies();
    await entry(page, /created a-post-with-a-past/).getByRole("button", { name: "Restore" }).click();
    await expect(page).toHaveURL(/\/admin\/login/);
    expect(readPost(FILE).toString()).toBe(before);
  });
});
