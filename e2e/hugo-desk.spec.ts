import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { addUser, bodyEditor, signInAs } from "./fixtures";
import { startHugoServer, type HugoServer } from "./hugo-server";

// The writing desk on a real Hugo site (coder: TOML front matter, posts in content/posts, the site's time zone set in
// its config): an editor's save changes the one field edited, the post shows it at its Hugo URL, and a new post is
// written where and how the site writes its posts. Its own server (e2e/hugo-server.ts).

const EDITOR = { email: "desk-editor@e2e.test", password: "desk-editor-password-e2e" };
const TIME_ZONE = "America/Los_Angeles";

test.describe.configure({ mode: "serial", timeout: 300_000 });

let server: HugoServer;
let page: Page;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  server = await startHugoServer("coder", (contentDir) => {
    // Hugo reads `timeZone` at the top of the config, before the first table.
    const config = path.join(contentDir, "hugo.toml");
    writeFileSync(config, `timeZone = "${TIME_ZONE}"\n${readFileSync(config, "utf8")}`);
    // A draft section: Hugo builds nothing below it, whatever its pages say.
    const held = path.join(contentDir, "content", "posts", "held");
    mkdirSync(held);
    writeFileSync(path.join(held, "_index.md"), '+++\ntitle = "Held back"\ndraft = true\n+++\n');
    writeFileSync(path.join(held, "kept-back.md"), '+++\ntitle = "Kept back"\ndate = "2021-01-01"\ndraft = false\n+++\n\nNot yet.\n');
  });
  addUser(EDITOR.email, "editor", EDITOR.password, server.dataDir);
  page = await (await browser.newContext({ baseURL: server.origin })).newPage();
  await expect(async () => signInAs(page, EDITOR.email, EDITOR.password)).toPass({ timeout: 120_000, intervals: [3_000] });
});

test.afterAll(async () => {
  await page?.context().close();
  await server?.stop();
});

test("saving a new title changes that one TOML line, and the post shows it at its Hugo URL", async () => {
  const file = path.join(server.contentDir, "content", "posts", "emoji-support.md");
  const before = readFileSync(file, "utf8");
  await page.goto("/admin/posts/emoji-support");
  await expect(page.getByLabel("Title")).toHaveValue("Emoji Support");
  await page.getByLabel("Title").fill("Emoji Support, Revised");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  const after = readFileSync(file, "utf8");
  const changed = after.split("\n").flatMap((line, i) => (line === before.split("\n")[i] ? [] : [line]));
  expect(changed).toEqual(['title = "Emoji Support, Revised"']);
  expect(after.split("\n")).toHaveLength(before.split("\n").length);

  await expect(async () => {
    const reader = await page.request.get("/posts/emoji-support/");
    expect(reader.status()).toBe(200);
    expect(await reader.text()).toContain("Emoji Support, Revised");
  }).toPass({ timeout: 20_000 });
});

test("a new post starts at now in the site's time zone and is written as TOML in the site's posts folder", async () => {
  await page.goto("/admin/posts/new");
  // Los Angeles is 8 hours behind UTC in winter, 7 in summer; the field says which, as an author there would write it.
  await expect(page.getByLabel("Date")).toHaveValue(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[78]:00$/);
  await page.getByLabel("Title").fill("Written on the desk");
  await page.getByLabel("Description").fill("A post written in the browser on a Hugo site.");
  await (await bodyEditor(page)).click();
  await page.keyboard.type("Written in the browser.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL("/admin/posts/written-on-the-desk?done=create");

  const written = readFileSync(path.join(server.contentDir, "content", "posts", "written-on-the-desk.md"), "utf8");
  expect(written.startsWith("+++\n")).toBe(true);
  expect(written).toContain('title = "Written on the desk"');
  expect(written).toMatch(/\ndate = .*-0[78]:00/);
  expect(written).toContain("\ndraft = true\n");
  expect(written.trimEnd().endsWith("Written in the browser.")).toBe(true);
});

test("a post below a draft section opens as a draft that says why, offers no Publish, and is on no reader's page", async () => {
  await page.goto("/admin/posts/kept-back");
  await expect(page.getByLabel("Title")).toHaveValue("Kept back");
  await expect(page.getByTestId("not-built")).toContainText("its section is a draft (content/posts/held/_index.md)");
  await expect(page.getByRole("button", { name: "Save" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^(Publish|Schedule|Unpublish)$/ })).toHaveCount(0);
  for (const url of ["/posts/held/kept-back/", "/blog/kept-back"]) expect((await page.request.get(url, { maxRedirects: 0 })).status(), url).toBe(404);
});
