import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { locatePost, openPost } from "@/lib/admin/post-files";
import { savePost } from "@/lib/admin/save-post";
import { valuesOf } from "@/lib/admin/editor-fields";
import { formOf, signInRequest, signOutRequest } from "@/tests/action-request";
import { seedUsers } from "@/tests/auth-helpers";
import { useTempSite } from "@/tests/temp-site";

// The history's Restore and the editor's share links are server actions: each checks the session and the role
// itself. Called with no session, or by a role that may not, each answers with the reason and changes nothing.

vi.mock("next/headers", async () => (await import("@/tests/action-request")).nextHeadersStub());
vi.mock("next/cache", async () => (await import("@/tests/action-request")).nextCacheStub());

const { revertAction } = await import("./[slug]/history/actions");
const { shareLinkAction } = await import("./[slug]/actions");

const site = useTempSite("tests/fixtures/desk");
const SLUG = "commented-draft";
let original: string;

beforeEach(async () => {
  const dataDir = path.join(site(), "data");
  await seedUsers(dataDir, [
    { email: "ed@example.com", role: "editor" },
    { email: "mo@example.com", role: "marketer" },
    { email: "wren@example.com", role: "writer" },
  ]);
  signOutRequest();
  // One saved change, so there is an earlier version to restore.
  const opened = (await openPost(SLUG))!;
  original = opened.hash;
  const saved = await savePost({ actor: { email: "ed@example.com", role: "editor" }, intent: "save", slugBefore: SLUG, baseHash: opened.hash, values: { ...valuesOf(opened.post), title: "Changed" } }, (await locatePost(SLUG))!);
  expect(saved.ok).toBe(true);
});

/** Every file under the temp site (content and DATA_DIR) but sessions, with its bytes. */
async function snapshot(): Promise<Record<string, string>> {
  const entries = await readdir(site(), { recursive: true, withFileTypes: true });
  const names = entries.filter((e) => e.isFile() && !/^\.?sessions\.json/.test(e.name)).map((e) => path.relative(site(), path.join(e.parentPath, e.name)));
  return Object.fromEntries(await Promise.all(names.sort().map(async (name) => [name, await readFile(path.join(site(), name), "utf8")] as const)));
}

/** Where a server action's redirect() sends the browser (Next throws it as an error with a digest). */
async function redirectOf(action: () => Promise<unknown>): Promise<string> {
  const error = await action().then(
    () => null,
    (thrown: { digest?: string }) => thrown,
  );
  return error?.digest?.split(";")[2] ?? "no redirect";
}

const restoreForm = () => formOf({ slug: SLUG, version: original, baseHash: "0".repeat(64) });
const shareForm = () => formOf({ intent: "create", slug: SLUG, days: "7" });

describe("Restore and share links check the session and role themselves", () => {
  it("with no session: nothing restored, no link made, and the answer says why", async () => {
    const before = await snapshot();
    expect(await redirectOf(() => revertAction(restoreForm()))).toBe(`/admin/posts/${SLUG}/history?done=signed-out`);
    const shared = await shareLinkAction({ links: [] }, shareForm());
    expect(shared).toMatchObject({ error: "Your session has ended. Sign in again." });
    expect(shared.created).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });

  it("a marketer may neither restore nor share; a writer may not share", async () => {
    await signInRequest("mo@example.com");
    const before = await snapshot();
    expect(await redirectOf(() => revertAction(restoreForm()))).toBe(`/admin/posts/${SLUG}/history?done=refused`);
    expect(await shareLinkAction({ links: [] }, shareForm())).toMatchObject({ error: "Your role (marketer) may not do this." });
    await signInRequest("wren@example.com");
    expect(await shareLinkAction({ links: [] }, shareForm())).toMatchObject({ error: "Your role (writer) may not do this." });
    expect(await snapshot()).toEqual(before);
  });

  it("an editor's bad input is refused with a message and changes nothing", async () => {
    await signInRequest("ed@example.com");
    const before = await snapshot();
    expect(await shareLinkAction({ links: [] }, formOf({ intent: "create", slug: SLUG, days: "31" }))).toMatchObject({ error: expect.stringMatching(/^Bad request: days/) });
    expect(await redirectOf(() => revertAction(formOf({ slug: SLUG, version: "../../etc/passwd", baseHash: original })))).toBe("/admin?history=bad");
    expect(await snapshot()).toEqual(before);
  });
});
