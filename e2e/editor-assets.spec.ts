import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures";

test.describe.configure({ timeout: 90_000 });

/**
 * Every JavaScript file a page loaded, with its text: once `ready` says the page has done what it does after
 * hydrating (the editor's CodeMirror is a dynamic import, fetched only then), and the network is quiet.
 */
async function scriptsOf(page: Page, url: string, ready?: () => Promise<void>): Promise<{ url: string; text: string }[]> {
  const loaded: string[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") loaded.push(response.url());
  });
  await page.goto(url);
  await ready?.();
  await page.waitForLoadState("networkidle");
  return Promise.all(loaded.map(async (src) => ({ url: src, text: await (await page.request.get(src)).text() })));
}

// CodeMirror's view module names its root element class in its source; no other code on these pages does.
const CODEMIRROR = /cm-editor/;

test("CodeMirror is bundled and loads on the editor's page only; the public post page loads none of it", async ({ page, browser }) => {
  await signIn(page, "editor");
  const editor = await scriptsOf(page, "/admin/posts/channel-conflict-playbook", () => expect(page.locator(".cm-editor")).toBeVisible());
  const withCodeMirror = editor.filter((s) => CODEMIRROR.test(s.text));
  expect(withCodeMirror.length).toBeGreaterThan(0);
  // From this site, never a CDN.
  for (const script of editor) expect(new URL(script.url).origin).toBe(new URL(page.url()).origin);

  const reader = await (await browser.newContext()).newPage();
  const post = await scriptsOf(reader, "/blog/how-to-win-a-partnership-meeting");
  expect(post.length).toBeGreaterThan(0);
  expect(post.filter((s) => CODEMIRROR.test(s.text)).map((s) => s.url)).toEqual([]);
  expect(post.filter((s) => /folio:editor:|Restore unsaved changes|Featured: /.test(s.text)).map((s) => s.url)).toEqual([]);
  // The dashboard does not load the editor either.
  const dashboard = await scriptsOf(page, "/admin");
  expect(dashboard.filter((s) => CODEMIRROR.test(s.text)).map((s) => s.url)).toEqual([]);
});
