import { readFile, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { useTempSite } from "@/tests/temp-site";
import { invalidateContentIndex } from "@/lib/content";
import { postChanges, recentChanges } from "../audit";
import { valuesOf, type EditorValues } from "../editor-fields";
import { freshIndex, locatePost, openPost, sha256 } from "../post-files";
import { savePost, type Actor } from "../save-post";
import { trashPost } from "../trash";
import { historyDir, readBlob } from "./blobs";
import { noticeOutsideChanges } from "./outside";
import { pruneHistory } from "./record";
import { revertPost } from "./revert";
import { getPostHistory } from "./timeline";

const FIXTURES = path.resolve("tests/fixtures/desk");
const editor: Actor = { email: "ed@example.com", role: "editor" };
const writer: Actor = { email: "wren@example.com", role: "writer" };
const SLUG = "commented-draft";

const site = useTempSite("tests/fixtures/desk");

const postFile = (name = `${SLUG}.md`) => path.join(site(), "content", "posts", name);

async function save(change: Partial<EditorValues>, actor: Actor = editor) {
  const opened = (await openPost(SLUG))!;
  const result = await savePost({ actor, intent: "save", slugBefore: SLUG, baseHash: opened.hash, values: { ...valuesOf(opened.post), ...change } }, (await locatePost(SLUG))!);
  expect(result).toMatchObject({ ok: true, changed: true });
  return result;
}

/** One look of the loader, as the content watcher takes it. */
async function look() {
  return noticeOutsideChanges(await freshIndex());
}

describe("every admin write keeps the version it replaced", () => {
  it("stores both versions under the audit log's hashes, and the history shows who, what and the body's diff", async () => {
    const original = await readFile(postFile());
    await save({ title: "A better title" });
    const afterFirst = await readFile(postFile());
    await save({ body: (await openPost(SLUG))!.post.body.replace("two sellers", "three sellers") });
    const [second, first] = await postChanges({ file: `posts/${SLUG}.md`, slug: SLUG });
    expect(first).toMatchObject({ action: "save", fields: ["title"], bodyChanged: false, hashBefore: sha256(original), hashAfter: sha256(afterFirst) });
    expect((await readBlob(first!.hashBefore!))!.equals(original)).toBe(true);
    expect((await readBlob(first!.hashAfter!))!.equals(afterFirst)).toBe(true);
    expect(second!.hashBefore).toBe(first!.hashAfter);

    const history = (await getPostHistory(SLUG))!;
    expect(history.entries.map((e) => e.record.action)).toEqual(["save", "save"]);
    const [bodyEdit, titleEdit] = history.entries;
    expect(titleEdit!.change).toMatchObject({ fields: ["title"], bodyChanged: false });
    expect(bodyEdit!.change!.fields).toEqual([]);
    const diff = bodyEdit!.change!.body!;
    expect(diff.filter((p) => p.kind === "removed").map((p) => p.text)).toEqual(["A co-sell deal has two sellers and one buyer.\n"]);
    expect(diff.filter((p) => p.kind === "added").map((p) => p.text)).toEqual(["A co-sell deal has three sellers and one buyer.\n"]);
    expect(history.original).toEqual({ version: sha256(original), kept: true });
    expect(history.currentHash).toBe(bodyEdit!.version);
  });

  it("a deleted post's history stays with it in the trash, and retention keeps its versions", async () => {
    const original = await readFile(postFile());
    await save({ title: "Edited, then deleted" });
    const opened = (await openPost(SLUG))!;
    expect(await trashPost(SLUG, opened.hash, editor.email)).toMatchObject({ ok: true });
    const history = (await getPostHistory(SLUG))!;
    expect(history.trashed).toMatchObject({ slug: SLUG });
    expect(history.entries.map((e) => e.record.action)).toEqual(["delete", "save"]);
    // Every version is past a one-day retention; only the trashed post's are kept.
    vi.stubEnv("FOLIO_HISTORY_DAYS", "1");
    const later = Date.now() + 3 * 24 * 60 * 60 * 1000;
    expect(await pruneHistory(later)).toBe(0);
    expect((await readBlob(sha256(original)))!.equals(original)).toBe(true);
  });

  it("retention removes versions no change used for FOLIO_HISTORY_DAYS; 0 keeps every one", async () => {
    const original = await readFile(postFile());
    await save({ title: "Once" });
    const later = Date.now() + 3 * 24 * 60 * 60 * 1000;
    vi.stubEnv("FOLIO_HISTORY_DAYS", "0");
    expect(await pruneHistory(later)).toBe(0);
    vi.stubEnv("FOLIO_HISTORY_DAYS", "1");
    expect(await pruneHistory(later)).toBe(2);
    expect(await readBlob(sha256(original))).toBeNull();
    const history = (await getPostHistory(SLUG))!;
    // Who, when and which fields stay (the audit log); the diff needs the replaced version, which is gone.
    expect(history.entries[0]).toMatchObject({ record: { fields: ["title"] }, change: null, kept: true });
    expect(history.original).toEqual({ version: sha256(original), kept: false });
  });
});

describe("changes made outside the admin", () => {
  it("are recorded with their new bytes when the loader sees a hash no admin write left; the first look only takes stock", async () => {
    expect(await look()).toBe(0);
    expect(await recentChanges()).toEqual([]);
    const edited = (await readFile(postFile(), "utf8")).replace("Agree on the split", "Agree, in writing, on the split");
    await writeFile(postFile(), edited);
    expect(await look()).toBe(1);
    const [record] = await recentChanges();
    // The first look kept no bytes (only hashes), so which fields changed is not known for this first change.
    expect(record).toMatchObject({ action: "outside", actor: "outside the admin", slug: SLUG, hashBefore: sha256(await readFile(path.join(FIXTURES, "posts", `${SLUG}.md`))), hashAfter: sha256(edited) });
    expect(record!.fields).toBeUndefined();
    expect((await readBlob(sha256(edited)))!.toString()).toBe(edited);
    // A second change outside the admin compares with the first one's bytes: only the body changed.
    const again = edited.replace("## The split", "## How to split");
    await writeFile(postFile(), again);
    expect(await look()).toBe(1);
    expect((await recentChanges())[0]).toMatchObject({ action: "outside", fields: [], bodyChanged: true, hashBefore: sha256(edited), hashAfter: sha256(again) });
    expect((await readBlob(sha256(edited)))!.toString()).toBe(edited);
    expect(await look()).toBe(0); // seen once, recorded once
  });

  it("never takes the admin's own writes for outside changes", async () => {
    await look();
    await save({ title: "Through the admin" });
    expect(await look()).toBe(0);
    expect((await recentChanges()).map((r) => r.action)).toEqual(["save"]);
  });

  it("an outside change the watcher has not seen yet is recorded before the admin write that follows it", async () => {
    await look();
    const before = await readFile(postFile());
    const edited = before.toString().replace("two sellers", "2 sellers");
    await writeFile(postFile(), edited);
    invalidateContentIndex();
    await save({ title: "Then through the admin" });
    const [admin, outside] = await recentChanges();
    expect(outside).toMatchObject({ action: "outside", hashBefore: sha256(before), hashAfter: sha256(edited) });
    expect(admin).toMatchObject({ action: "save", hashBefore: sha256(edited) });
    expect(await look()).toBe(0);
  });

  it("a file deleted on disk is recorded as deleted outside the admin; one that stops parsing is left until it parses", async () => {
    await look();
    await writeFile(postFile("toml-draft.md"), "+++\ntitle = [broken\n");
    await rm(postFile());
    expect(await look()).toBe(1);
    const [record] = await recentChanges();
    expect(record).toMatchObject({ action: "outside", slug: SLUG, hashAfter: null });
  });
});

describe("restoring an earlier version", () => {
  it("is an ordinary write: recorded as revert, refused on a stale page, and itself undone by a restore", async () => {
    const original = await readFile(postFile());
    await save({ title: "Second" });
    await save({ title: "Third" });
    const third = await readFile(postFile());
    const stale = sha256(third);

    const restored = await revertPost({ actor: editor, slug: SLUG, version: sha256(original), baseHash: stale });
    expect(restored).toMatchObject({ ok: true, changed: true, replaced: sha256(third) });
    expect((await readFile(postFile())).equals(original)).toBe(true);
    const [record] = await recentChanges();
    expect(record).toMatchObject({ action: "revert", actor: editor.email, fields: ["title"], hashBefore: sha256(third), hashAfter: sha256(original) });

    // The page that offered that restore is stale now: a second click writes nothing.
    const again = await revertPost({ actor: editor, slug: SLUG, version: sha256(third), baseHash: stale });
    expect(again).toMatchObject({ ok: false, status: 409 });
    expect((await readFile(postFile())).equals(original)).toBe(true);

    // Undo: restore the version the restore replaced.
    expect(await revertPost({ actor: editor, slug: SLUG, version: sha256(third), baseHash: sha256(original) })).toMatchObject({ ok: true, changed: true });
    expect((await readFile(postFile())).equals(third)).toBe(true);
    expect((await recentChanges()).slice(0, 2).map((r) => r.action)).toEqual(["revert", "revert"]);
  });

  it("refuses a version not in the post's history, one no longer kept, and a writer on a public post", async () => {
    const opened = (await openPost(SLUG))!;
    const notHis = await revertPost({ actor: editor, slug: SLUG, version: "a".repeat(64), baseHash: opened.hash });
    expect(notHis).toMatchObject({ ok: false, status: 404 });

    const published = "crlf-published";
    const pub = (await openPost(published))!;
    const located = (await locatePost(published))!;
    const edit = await savePost({ actor: editor, intent: "save", slugBefore: published, baseHash: pub.hash, values: { ...valuesOf(pub.post), title: "Edited by an editor" } }, located);
    expect(edit).toMatchObject({ ok: true });
    const refused = await revertPost({ actor: writer, slug: published, version: pub.hash, baseHash: sha256(await readFile(located.file)) });
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect((await readFile(located.file)).equals(pub.bytes)).toBe(false);

    // Gone from the store (retention): nothing to restore.
    const blob = path.join(historyDir(), "blobs", pub.hash.slice(0, 2), pub.hash);
    await utimes(blob, new Date(0), new Date(0));
    vi.stubEnv("FOLIO_HISTORY_DAYS", "1");
    await pruneHistory();
    const gone = await revertPost({ actor: editor, slug: published, version: pub.hash, baseHash: sha256(await readFile(located.file)) });
    expect(gone).toMatchObject({ ok: false, status: 404, error: expect.stringContaining("no longer kept") });
  });
});
