import { expect, test, type APIRequestContext, type Page, type Request } from "@playwright/test";
import { bodyEditor, readPost, signIn } from "./fixtures";

// Journeys through real saves and sign-ins: generous on a busy machine (no assertion is about time).
test.describe.configure({ timeout: 180_000 }); // several sign-ins (scrypt) each, on a busy machine

// Every editor page and every server action of the writing desk checks the session and the role itself: replayed
// without a session or with the wrong role, each is refused and no file changes.

type Captured = { url: string; headers: Record<string, string>; body: Buffer };

// A number of its own per run, so a second run against the same server never finds the slug taken.
const RUN = Date.now().toString(36);
const TITLE = `Access checks draft ${RUN}`;
const SLUG = `access-checks-draft-${RUN}`;

function replay(api: APIRequestContext, action: Captured) {
  const headers = { ...action.headers };
  delete headers.cookie;
  delete headers["content-length"];
  return api.post(action.url, { headers, data: action.body, maxRedirects: 0 });
}

async function toCaptured(request: Request): Promise<Captured> {
  return { url: request.url(), headers: await request.allHeaders(), body: request.postDataBuffer() ?? Buffer.alloc(0) };
}

/** Clicks a button that posts a server action, and captures the request instead of sending it. */
async function capture(page: Page, click: () => Promise<void>): Promise<Captured> {
  let captured: Captured | undefined;
  await page.route((url) => url.pathname.startsWith("/admin"), async (route) => {
    const request: Request = route.request();
    if (request.method() !== "POST" || captured) return route.continue();
    captured = await toCaptured(request);
    await route.abort();
  });
  await click();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  return captured!;
}

test.describe.configure({ mode: "serial" });

test("the editor's pages need a session and the write right", async ({ browser, request }) => {
  for (const url of ["/admin/posts/new", "/admin/posts/channel-conflict-playbook"]) {
    const response = await request.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(307);
    expect(response.headers()["location"]).toMatch(/^\/admin\/login\?next=%2Fadmin%2Fposts%2F/);
  }
  const marketer = await (await browser.newContext()).newPage();
  await signIn(marketer, "marketer");
  for (const url of ["/admin/posts/new", "/admin/posts/channel-conflict-playbook"]) {
    expect((await marketer.goto(url))?.status(), url).toBe(403);
  }
  await marketer.goto("/admin");
  await expect(marketer.getByRole("link", { name: "New post" })).toHaveCount(0);
});

test("the save, publish, preview and delete actions refuse no session and the wrong role", async ({ browser, baseURL, playwright }) => {
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signIn(editor, "editor");
  await editor.goto("/admin/posts/new");
  await editor.getByLabel("Title").fill(TITLE);
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(editor).toHaveURL(`/admin/posts/${SLUG}?done=create`);
  const original = readPost(`${SLUG}.md`);

  // A save with no changes writes nothing; its request, with the button's value changed, is a Publish.
  const sent = editor.waitForRequest((r) => r.method() === "POST");
  await editor.getByRole("button", { name: "Save" }).click();
  const save = await toCaptured(await sent);
  await expect(editor.getByRole("status").filter({ hasText: "No changes" })).toBeVisible();
  const publish = { ...save, body: Buffer.from(save.body.toString("latin1").replace(/(name="[^"]*intent"\r\n\r\n)save/, "$1publish"), "latin1") };
  expect(publish.body.toString("latin1")).toMatch(/intent"\r\n\r\npublish/);

  const anonymous = await playwright.request.newContext({ baseURL });
  expect(await (await replay(anonymous, publish)).text()).toContain("Your session has ended");
  const writerContext = await browser.newContext();
  await signIn(await writerContext.newPage(), "writer");
  expect(await (await replay(writerContext.request, publish)).text()).toContain("may not publish");
  const marketerContext = await browser.newContext();
  await signIn(await marketerContext.newPage(), "marketer");
  expect(await (await replay(marketerContext.request, publish)).text()).toContain("may not do this");
  expect(readPost(`${SLUG}.md`).equals(original)).toBe(true);

  // The preview renders nothing for a marketer or a stranger.
  const previewSent = editor.waitForRequest((r) => r.method() === "POST");
  await (await bodyEditor(editor)).click();
  await editor.keyboard.type("Secret draft words");
  const preview = await toCaptured(await previewSent);
  await expect(editor.getByRole("region", { name: "Preview" })).toContainText("Secret draft words");
  for (const api of [anonymous, marketerContext.request]) {
    const text = await (await replay(api, preview)).text();
    expect(text).not.toContain("Secret draft words");
  }

  // Delete, captured on a page of its own and never sent: a writer's or a stranger's replay leaves the file alone.
  const other = await editorContext.newPage();
  await other.goto(`/admin/posts/${SLUG}`);
  const remove = await capture(other, () => other.getByRole("button", { name: "Delete" }).click());
  await replay(writerContext.request, remove);
  await replay(anonymous, remove);
  expect(readPost(`${SLUG}.md`).equals(original)).toBe(true);

  // The control: the editor's own Publish replay does publish, so the refusals above were real.
  expect((await replay(editorContext.request, publish)).ok()).toBe(true);
  await expect.poll(() => readPost(`${SLUG}.md`).toString()).toContain("draft: false");
});

test("restoring from the trash and ordering the Featured region refuse no session and the wrong role", async ({ browser, baseURL, playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signIn(editor, "editor");
  const writerContext = await browser.newContext();
  await signIn(await writerContext.newPage(), "writer");

  // A throwaway post, deleted: its Restore button, captured and not sent, replayed by those who may not restore.
  await editor.goto("/admin/posts/new");
  await editor.getByLabel("Title").fill(`Access checks trash ${RUN}`);
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(editor).toHaveURL(`/admin/posts/access-checks-trash-${RUN}?done=create`);
  await editor.getByRole("button", { name: "Delete" }).click();
  await expect(editor).toHaveURL(`/admin?deleted=access-checks-trash-${RUN}`);
  const restore = await capture(editor, () => editor.getByRole("button", { name: `Restore Access checks trash ${RUN}` }).click());
  for (const api of [anonymous, writerContext.request]) await replay(api, restore);
  await editor.goto("/admin");
  await expect(editor.getByRole("region", { name: "Trash" })).toContainText(`Access checks trash ${RUN}`);
  expect((await replay(editorContext.request, restore)).status()).toBeLessThan(400);
  await expect.poll(() => readPost(`access-checks-trash-${RUN}.md`).toString()).toContain(`Access checks trash ${RUN}`);

  // The marketer's Move buttons: an editor's or a stranger's replay changes no weight.
  const marketerContext = await browser.newContext();
  const marketer = await marketerContext.newPage();
  await signIn(marketer, "marketer");
  const partnerMap = readPost("the-partner-map.md");
  const down = marketer.getByRole("region", { name: "Featured order" }).getByRole("button").filter({ hasText: "Down" }).first();
  // At the end of the list the button is disabled; enabled here only to capture the request it would send.
  await down.evaluate((button) => button.removeAttribute("disabled"));
  const move = await capture(marketer, () => down.click());
  for (const api of [anonymous, editorContext.request, writerContext.request]) await replay(api, move);
  expect(readPost("the-partner-map.md").equals(partnerMap)).toBe(true);
});
