import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { invalidateContentIndex, loadContentIndex } from "@/lib/content";
import { recentChanges } from "./audit";
import { valuesOf, type EditorValues } from "./editor-fields";
import { locatePost, openPost, sha256 } from "./post-files";
import { createPost, savePost, type Actor, type SaveInput } from "./save-post";
import { listTrash, restorePost, trashPost } from "./trash";

const FIXTURES = path.resolve("tests/fixtures/desk");
let root: string;
const editor: Actor = { email: "ed@example.com", role: "editor" };
const writer: Actor = { email: "wren@example.com", role: "writer" };
const NOW = Date.parse("2026-06-01T12:00:00Z");

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "folio-desk-"));
  await cp(FIXTURES, path.join(root, "content"), { recursive: true });
  vi.stubEnv("CONTENT_DIR", path.join(root, "content"));
  vi.stubEnv("DATA_DIR", path.join(root, "data"));
  invalidateContentIndex();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  invalidateContentIndex();
  await rm(root, { recursive: true, force: true });
});

const file = (name: string) => path.join(root, "content", "posts", name);
const bytes = (name: string) => readFile(file(name));

/** Opens a post the way the editor page does and saves the form with `change` applied. */
async function save(slug: string, change: Partial<EditorValues>, rest: Partial<SaveInput> = {}) {
  const opened = (await openPost(slug))!;
  const located = (await locatePost(slug))!;
  const input = { actor: editor, intent: "save" as const, slugBefore: slug, baseHash: opened.hash, values: { ...valuesOf(opened.post), ...change }, ...rest };
  return savePost({ ...input, slugBefore: slug }, located, NOW);
}

/** The lines of `after` that differ from `before` (same line count expected). */
function changedLines(before: string, after: string): string[] {
  const a = before.split("\n");
  const b = after.split("\n");
  expect(b.length).toBe(a.length);
  return b.filter((line, i) => line !== a[i]);
}

describe("savePost", () => {
  it("writes nothing at all when nothing changed, even with the browser's CRLF in the body", async () => {
    const before = await stat(file("commented-draft.md"));
    const opened = (await openPost("commented-draft"))!;
    const result = await save("commented-draft", { body: opened.post.body.replace(/\n/g, "\r\n") });
    expect(result).toMatchObject({ ok: true, changed: false });
    expect((await stat(file("commented-draft.md"))).mtimeMs).toBe(before.mtimeMs);
    expect(await recentChanges()).toEqual([]);
  });

  it("changes only the edited field's line: comments, unknown fields, quoting and order stay byte for byte", async () => {
    const original = (await bytes("commented-draft.md")).toString();
    const result = await save("commented-draft", { title: "Pricing a co-sell deal, again" });
    expect(result).toMatchObject({ ok: true, changed: true, fields: ["title"], bodyChanged: false, action: "save" });
    const after = (await bytes("commented-draft.md")).toString();
    expect(changedLines(original, after)).toEqual(['title: "Pricing a co-sell deal, again"']);
    const [record] = await recentChanges();
    expect(record).toMatchObject({ actor: "ed@example.com", action: "save", slug: "commented-draft", fields: ["title"], bodyChanged: false, hashBefore: sha256(original), hashAfter: sha256(after) });
  });

  it("replaces the body and keeps the front matter's bytes and the file's CRLF line endings", async () => {
    const original = (await bytes("crlf-published.md")).toString();
    const result = await save("crlf-published", { body: "\nWhen two partners chase one deal, call both.\n" });
    expect(result).toMatchObject({ ok: true, changed: true, fields: [], bodyChanged: true });
    const after = (await bytes("crlf-published.md")).toString();
    const fence = original.indexOf("---\r\n", 4) + 5;
    expect(after.slice(0, fence)).toBe(original.slice(0, fence));
    expect(after.slice(fence)).toBe("\r\nWhen two partners chase one deal, call both.\r\n");
  });

  it("keeps a byte-order mark and edits a list in the file's own style", async () => {
    const original = await bytes("bom-scheduled.md");
    expect(await save("the-partner-map", { topics: "maps, people" })).toMatchObject({ ok: true, fields: ["topics"] });
    const after = await bytes("bom-scheduled.md");
    expect(after.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    // One line added at the end of the front matter (a flow list: the file has no block lists); the rest unchanged.
    expect(after.toString()).toBe(original.toString().replace("slug: the-partner-map\n", "slug: the-partner-map\ntopics: [maps, people]\n"));
    expect((await openPost("the-partner-map"))!.post.topics).toEqual(["maps", "people"]);
  });

  it("refuses with 409 when the file changed since the form was opened, writes nothing, and says what differs", async () => {
    const opened = (await openPost("commented-draft"))!;
    const someoneElse = (await bytes("commented-draft.md")).toString().replace("Agree on the split", "Settle the split");
    await writeFile(file("commented-draft.md"), someoneElse);
    const located = (await locatePost("commented-draft"))!;
    const result = await savePost({ actor: editor, intent: "save", slugBefore: "commented-draft", baseHash: opened.hash, values: { ...valuesOf(opened.post), title: "Mine" } }, located, NOW);
    expect(result).toMatchObject({ ok: false, status: 409, conflict: { hash: sha256(someoneElse) } });
    if (result.ok || !result.conflict) return;
    expect(result.conflict.fields.map((f) => f.label)).toEqual(["Title", "Body"]);
    expect((await bytes("commented-draft.md")).toString()).toBe(someoneElse);
    // The explicit second step: saving against the hash the conflict showed overwrites with the form's version.
    const again = await savePost({ actor: editor, intent: "save", slugBefore: "commented-draft", baseHash: result.conflict.hash, values: { ...valuesOf(opened.post), title: "Mine" } }, located, NOW);
    expect(again).toMatchObject({ ok: true, changed: true, fields: ["title"], bodyChanged: true });
    expect((await bytes("commented-draft.md")).toString()).toContain("Agree on the split");
  });

  it("refuses every field the schema refuses, writing nothing", async () => {
    const original = await bytes("commented-draft.md");
    const result = await save("commented-draft", { date: "tomorrow", title: "" });
    expect(result).toMatchObject({ ok: false, status: 422, errors: { date: expect.stringMatching(/^Date must be/), title: "Title must not be empty" } });
    expect((await bytes("commented-draft.md")).equals(original)).toBe(true);
  });

  it("lets a writer save a draft, but never publish or touch a public post", async () => {
    expect(await save("commented-draft", { description: "By the writer." }, { actor: writer })).toMatchObject({ ok: true, changed: true });
    const published = await bytes("crlf-published.md");
    expect(await save("crlf-published", { title: "Hijacked" }, { actor: writer })).toMatchObject({ ok: false, status: 403 });
    expect(await save("commented-draft", {}, { actor: writer, intent: "publish" })).toMatchObject({ ok: false, status: 403 });
    expect((await bytes("crlf-published.md")).equals(published)).toBe(true);
    expect((await openPost("commented-draft"))!.post.draft).toBe(true);
  });

  it("publishes now, schedules a future date, and unpublishes, changing only the draft line", async () => {
    const original = (await bytes("commented-draft.md")).toString();
    expect(await save("commented-draft", {}, { intent: "publish" })).toMatchObject({ ok: true, action: "publish", fields: ["draft"] });
    expect(changedLines(original, (await bytes("commented-draft.md")).toString())).toEqual(["draft: false"]);
    expect(await save("commented-draft", {}, { intent: "unpublish" })).toMatchObject({ ok: true, action: "unpublish" });
    expect((await bytes("commented-draft.md")).toString()).toBe(original);
    expect(await save("commented-draft", { date: "2099-03-01T09:00:00+01:00" }, { intent: "publish" })).toMatchObject({ ok: true, action: "schedule", fields: ["date", "draft"] });
  });

  it("renames the slug, adding the old URL to aliases, and refuses a slug another post has", async () => {
    expect(await save("commented-draft", { slug: "the-partner-map" })).toMatchObject({ ok: false, status: 409, errors: { slug: expect.stringContaining("bom-scheduled.md") } });
    const result = await save("commented-draft", { slug: "co-sell-pricing" });
    expect(result).toMatchObject({ ok: true, fields: ["slug", "aliases"] });
    const text = (await bytes("commented-draft.md")).toString();
    expect(text).toMatch(/\nslug: co-sell-pricing\n/);
    // Added in the file's own list style (its tags are a block list), before the closing fence.
    expect(text).toMatch(/\naliases:\n {2}- \/blog\/commented-draft\n---\n/);
    expect(await openPost("commented-draft")).toBeNull();
    expect((await openPost("co-sell-pricing"))!.post.title).toBe("Pricing a co-sell deal");
  });

  it("puts the old bytes back when the audit log cannot be written", async () => {
    const original = await bytes("commented-draft.md");
    await writeFile(path.join(root, "not-a-folder"), "x");
    vi.stubEnv("DATA_DIR", path.join(root, "not-a-folder", "data"));
    const result = await save("commented-draft", { title: "Unrecorded" });
    expect(result).toMatchObject({ ok: false, status: 500, error: expect.stringMatching(/^Nothing was saved: the audit log could not be written/) });
    expect((await bytes("commented-draft.md")).equals(original)).toBe(true);
  });
});

describe("savePost on TOML and JSON front matter", () => {
  it("TOML: replaces one value in place, keeps literal strings and tables, publishes by one line", async () => {
    const original = (await bytes("toml-draft.md")).toString();
    expect(await save("toml-draft", { title: "Roadmaps with partners, in practice" })).toMatchObject({ ok: true, fields: ["title"], bodyChanged: false });
    const titled = (await bytes("toml-draft.md")).toString();
    expect(changedLines(original, titled)).toEqual(['title = "Roadmaps with partners, in practice"']);
    expect(await save("toml-draft", {}, { intent: "publish" })).toMatchObject({ ok: true, action: "publish", fields: ["draft"] });
    expect(changedLines(titled, (await bytes("toml-draft.md")).toString())).toEqual(["draft = false"]);
    expect(await save("toml-draft", { body: "\nA new body.\n" })).toMatchObject({ ok: true, fields: [], bodyChanged: true });
    const rewritten = (await bytes("toml-draft.md")).toString();
    const published = titled.replace("draft = true", "draft = false");
    expect(rewritten.slice(0, rewritten.lastIndexOf("+++"))).toBe(published.slice(0, published.lastIndexOf("+++")));
    expect(rewritten.endsWith("+++\n\nA new body.\n")).toBe(true);
  });

  it("JSON: replaces a member in place and adds a new one after the last, in the file's indentation", async () => {
    const original = (await bytes("json-published.md")).toString();
    expect(await save("json-published", { tags: "tiers" })).toMatchObject({ ok: true, fields: ["tags"] });
    const tagged = (await bytes("json-published.md")).toString();
    expect(changedLines(original, tagged)).toEqual(['  "tags": ["tiers"],']);
    expect(await save("json-published", { description: "Tiers, and what they reward." })).toMatchObject({ ok: true, fields: ["description"] });
    expect((await bytes("json-published.md")).toString()).toBe(tagged.replace('  "cta": false\n}', '  "cta": false,\n  "description": "Tiers, and what they reward."\n}'));
  });
});

describe("createPost", () => {
  const values: EditorValues = { title: "A brand new post", description: "", date: "2026-06-01T14:00:00+02:00", slug: "", topics: "pricing", tags: "", cta: false, featured: true, body: "Hello.\r\nSecond line.\r\n" };

  it("writes SLUG.md as a draft in YAML, with only the fields that hold something", async () => {
    const result = await createPost({ actor: editor, intent: "save", slugBefore: null, baseHash: null, values }, "yaml", NOW);
    expect(result).toMatchObject({ ok: true, changed: true, action: "create" });
    expect((await bytes("a-brand-new-post.md")).toString()).toBe('---\ntitle: A brand new post\ndate: 2026-06-01T14:00:00+02:00\ntopics: [pricing]\ndraft: true\n---\nHello.\nSecond line.\n');
    expect((await recentChanges())[0]).toMatchObject({ action: "create", slug: "a-brand-new-post", hashBefore: null });
  });

  it.each(["toml", "json"] as const)("writes a new post in %s when that is the site's format", async (format) => {
    const result = await createPost({ actor: editor, intent: "save", slugBefore: null, baseHash: null, values }, format, NOW);
    expect(result).toMatchObject({ ok: true, action: "create" });
    const text = (await bytes("a-brand-new-post.md")).toString();
    expect(text.startsWith(format === "toml" ? "+++\n" : "{\n")).toBe(true);
    const opened = (await openPost("a-brand-new-post"))!;
    expect(opened.post).toMatchObject({ title: "A brand new post", date: "2026-06-01T14:00:00+02:00", topics: ["pricing"], draft: true, body: "Hello.\nSecond line.\n" });
  });

  it("refuses a slug that exists, and a writer's Publish", async () => {
    expect(await createPost({ actor: editor, intent: "save", slugBefore: null, baseHash: null, values: { ...values, slug: "the-partner-map" } }, "yaml", NOW)).toMatchObject({ ok: false, status: 409 });
    expect(await createPost({ actor: writer, intent: "publish", slugBefore: null, baseHash: null, values }, "yaml", NOW)).toMatchObject({ ok: false, status: 403 });
    expect((await readdir(path.join(root, "content", "posts"))).sort()).toEqual(["bom-scheduled.md", "commented-draft.md", "crlf-published.md", "json-published.md", "toml-draft.md"]);
  });
});

describe("the trash", () => {
  it("moves a post there and back, refusing a delete over a changed file", async () => {
    const original = await bytes("commented-draft.md");
    expect(await trashPost("commented-draft", "0".repeat(64), "ed@example.com", NOW)).toMatchObject({ ok: false, status: 409 });
    const result = await trashPost("commented-draft", sha256(original), "ed@example.com", NOW);
    expect(result).toMatchObject({ ok: true, entry: { slug: "commented-draft", file: "posts/commented-draft.md", deletedBy: "ed@example.com" } });
    expect(await openPost("commented-draft")).toBeNull();
    const [entry] = await listTrash();
    expect(entry).toMatchObject({ slug: "commented-draft", title: "Pricing a co-sell deal" });
    expect(await restorePost(entry!.id, "ed@example.com", NOW)).toMatchObject({ ok: true });
    expect((await bytes("commented-draft.md")).equals(original)).toBe(true);
    expect(await listTrash()).toEqual([]);
    expect((await recentChanges()).map((r) => r.action)).toEqual(["restore", "delete"]);
  });
});

describe("a Hugo post that shares its slug with another (dated permalinks)", () => {
  const post = (title: string, date: string) => `---\ntitle: ${title}\ndate: ${date}\nslug: same\n---\n\nBody of ${title}.\n`;

  beforeEach(async () => {
    const posts = path.join(root, "site", "content", "posts");
    await mkdir(posts, { recursive: true });
    await writeFile(path.join(root, "site", "hugo.toml"), 'title = "Dated"\n[permalinks]\nposts = "/:year/:month/:slug/"\n');
    await writeFile(path.join(posts, "first.md"), post("First", "2021-03-04"));
    await writeFile(path.join(posts, "second.md"), post("Second", "2022-05-06"));
    vi.stubEnv("CONTENT_DIR", path.join(root, "site"));
    invalidateContentIndex();
  });

  it("saves a title under the name the admin gives it, and leaves its slug line alone", async () => {
    const renamed = (await loadContentIndex()).posts.find((p) => p.slug !== "same")!;
    expect(renamed.slug).toMatch(/^\d{4}-\d\d-same$/);
    const name = renamed.file.split("/").pop()!;
    const original = await readFile(path.join(root, "site", "content", "posts", name), "utf8");
    const result = await save(renamed.slug, { title: "Renamed title" });
    expect(result).toMatchObject({ ok: true, changed: true, fields: ["title"], post: { slug: renamed.slug } });
    const after = await readFile(path.join(root, "site", "content", "posts", name), "utf8");
    expect(changedLines(original, after)).toEqual(["title: Renamed title"]);
  });
});

describe("a Hugo post below a draft section", () => {
  const post = (title: string) => `---\ntitle: ${title}\ndate: 2021-03-04\ndraft: true\n---\n\nBody of ${title}.\n`;
  const posts = () => path.join(root, "site", "content", "posts");

  beforeEach(async () => {
    await mkdir(path.join(posts(), "notes"), { recursive: true });
    await writeFile(path.join(root, "site", "hugo.toml"), 'title = "Sections"\n');
    await writeFile(path.join(posts(), "open.md"), post("Open"));
    await writeFile(path.join(posts(), "notes", "_index.md"), "---\ntitle: Notes\ndraft: true\n---\n");
    await writeFile(path.join(posts(), "notes", "inside.md"), post("Inside"));
    vi.stubEnv("CONTENT_DIR", path.join(root, "site"));
    invalidateContentIndex();
  });

  it("opens as a draft that says why, and publishing it is refused with the reason, the file untouched", async () => {
    const opened = (await openPost("inside"))!;
    expect(opened.post.hiddenBy).toContain("its section is a draft (content/posts/notes/_index.md)");
    const before = await readFile(path.join(posts(), "notes", "inside.md"));
    const result = await save("inside", { title: "Inside, edited" }, { intent: "publish" });
    expect(result).toMatchObject({ ok: false, status: 409 });
    expect(!result.ok && result.error).toMatch(/^Nothing was saved: publishing cannot put this post on the site, because its section is a draft \(content\/posts\/notes\/_index\.md\)/);
    expect(await readFile(path.join(posts(), "notes", "inside.md"))).toEqual(before);
    // Saving keeps working, and the answer still carries the reason.
    const saved = await save("inside", { title: "Inside, edited" });
    expect(saved).toMatchObject({ ok: true, changed: true, post: { title: "Inside, edited" } });
    expect(saved.ok && saved.post.hiddenBy).toContain("its section is a draft");
  });

  it("publishes a post outside the draft section as before", async () => {
    const result = await save("open", {}, { intent: "publish" });
    expect(result).toMatchObject({ ok: true, action: "publish" });
    expect(result.ok && result.post.hiddenBy).toBeUndefined();
    expect((await loadContentIndex()).posts.find((p) => p.slug === "open")?.draft).toBe(false);
  });
});
