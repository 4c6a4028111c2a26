import { expect, test, type Browser, type Page } from "@playwright/test";
import { bodyEditor, signIn } from "./fixtures";

// Journeys through real saves and sign-ins: generous on a busy machine (no assertion is about time).
test.describe.configure({ timeout: 120_000 });

const TITLE = "A draft for a reviewer";
const SLUG = "a-draft-for-a-reviewer";
const BODY = "Only the reviewer should read this sentence.";

/** Creates a share link from the post's editor and returns its URL, which the page shows once. */
async function createLink(page: Page): Promise<string> {
  await page.goto(`/admin/posts/${SLUG}`);
  await page.getByRole("button", { name: "Create share link" }).click();
  const field = page.getByRole("textbox", { name: /New share link/ });
  await expect(field).toHaveValue(/\/share\/[A-Za-z0-9_-]{43}$/);
  return field.inputValue();
}

/** A browser with no session at all: the reviewer. */
async function stranger(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test.describe.serial("share links", () => {
  test("a link shows the draft without a session, private and unindexed; altered or revoked, it shows nothing", async ({ page, browser }) => {
    await signIn(page, "editor");
    await page.goto("/admin/posts/new");
    await page.getByLabel("Title").fill(TITLE);
    await expect(page.locator(".cm-editor")).toBeVisible(); // a click before CodeMirror is up hits a hidden field
    await (await bodyEditor(page)).click();
    await page.keyboard.type(BODY);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page).toHaveURL(`/admin/posts/${SLUG}?done=create`);
    const url = await createLink(page);
    const links = page.getByRole("list", { name: "Live share links" });
    await expect(links.getByRole("listitem")).toHaveCount(1);
    await expect(links).toContainText("expires");

    const reviewer = await stranger(browser);
    const response = await reviewer.goto(url);
    expect(response?.status()).toBe(200);
    await expect(reviewer.getByRole("status").filter({ hasText: "Unpublished" })).toBeVisible();
    await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText(TITLE);
    await expect(reviewer.getByText(BODY)).toBeVisible();
    const headers = response!.headers();
    expect(headers["cache-control"]).toMatch(/private/);
    expect(headers["cache-control"]).toMatch(/no-store/);
    expect(headers["x-robots-tag"]).toMatch(/noindex/);
    expect(headers["referrer-policy"]).toBe("no-referrer");
    await expect(reviewer.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
    await expect(reviewer.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");

    // One character changed, or a token of the wrong shape: a 404 that says nothing of the post.
    const token = url.slice(-43);
    const altered = `${url.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const wrong of [altered, `${url}x`, url.slice(0, -1)]) {
      const reply = await reviewer.request.get(wrong);
      expect(reply.status(), wrong).toBe(404);
      const text = await reply.text();
      expect(text).not.toContain(TITLE);
      expect(text).not.toContain(BODY);
    }

    // The link is in no public output.
    for (const publicUrl of ["/sitemap.xml", "/feed.xml", "/feed.json", "/atom.xml", `/search?q=${encodeURIComponent("reviewer")}`, "/blog", "/"]) {
      const text = await (await reviewer.request.get(publicUrl)).text();
      expect(text, publicUrl).not.toContain(token);
      expect(text, publicUrl).not.toContain(TITLE);
    }

    await links.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Revoked" })).toBeVisible();
    await expect(page.getByText("No live share links.")).toBeVisible();
    const revoked = await reviewer.goto(url);
    expect(revoked?.status()).toBe(404);
    await expect(reviewer.getByText(BODY)).toHaveCount(0);
    await expect(reviewer.getByText(TITLE)).toHaveCount(0);
    await reviewer.context().close();
  });

  test("once the post is published the link redirects to it; once it is deleted the link shows nothing", async ({ page, browser }) => {
    await signIn(page, "editor");
    const url = await createLink(page);
    await page.getByLabel("Date").fill("2026-01-05T09:00:00+01:00");
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Published" })).toBeVisible();

    const reviewer = await stranger(browser);
    await expect(async () => {
      await reviewer.goto(url);
      await expect(reviewer).toHaveURL(`/blog/${SLUG}`, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText(TITLE);

    // Back to a draft (the link works again), then deleted: nothing.
    await page.getByRole("button", { name: "Unpublish" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Unpublished" })).toBeVisible();
    expect((await reviewer.goto(url))?.status()).toBe(200);
    await page.reload();
    await page.getByRole("button", { name: /^Delete/ }).click();
    await expect(page).toHaveURL(/\/admin\?deleted=/);
    expect((await reviewer.goto(url))?.status()).toBe(404);
    await expect(reviewer.getByText(BODY)).toHaveCount(0);
    await reviewer.context().close();
  });

  test("only editors share: a writer sees no share links, and the action checks the session itself", async ({ page, browser }) => {
    const writer = await stranger(browser);
    await signIn(writer, "writer");
    await writer.goto("/admin/posts/new");
    await writer.getByLabel("Title").fill("A writer's own draft");
    await writer.getByRole("button", { name: "Save", exact: true }).click();
    await expect(writer).toHaveURL(/\/admin\/posts\/a-writers-own-draft\?done=create/);
    await expect(writer.getByRole("button", { name: "Create share link" })).toHaveCount(0);
    await writer.context().close();

    await signIn(page, "editor");
    await page.goto("/admin/posts/a-writers-own-draft");
    await page.context().clearCookies();
    await page.getByRole("button", { name: "Create share link" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Your session has ended" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: /New share link/ })).toHaveCount(0);
  });
});
