import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import * as fsPromises from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { invalidateContentIndex } from "@/lib/content";
import { recentChanges } from "./audit";
import { setFeatured } from "./featured";

// A full disk and a read-only content folder, injected at the file-system calls the toggle makes: the toggle fails
// with a message that says so, and nothing is damaged. scripts/stress repeats this on a real full tmpfs and a real
// read-only mount when it runs as root.

type Failure = { code: string; at: "open" | "write"; times: number };
const injected: { failure: Failure | null } = { failure: null };

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const fail = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
  const open = vi.fn(async (file: Parameters<typeof actual.open>[0], ...rest: unknown[]) => {
    const failure = injected.failure;
    const isTemp = String(file).endsWith(".tmp");
    if (failure && isTemp && failure.times > 0 && failure.at === "open") {
      failure.times -= 1;
      throw fail(failure.code);
    }
    const handle = await (actual.open as (...args: unknown[]) => ReturnType<typeof actual.open>)(file, ...rest);
    if (failure && isTemp && failure.times > 0 && failure.at === "write") {
      failure.times -= 1;
      const code = failure.code;
      // The disk fills part-way: half the bytes land in the temp file, then the write fails.
      handle.writeFile = async (data: Parameters<typeof handle.writeFile>[0]) => {
        const bytes = Buffer.from(data as string | Buffer);
        await handle.write(bytes.subarray(0, bytes.length >> 1));
        throw fail(code);
      };
    }
    return handle;
  });
  return { ...actual, open };
});

let root: string;
const FILE = "pricing-a-co-sell-deal.md";
const SLUG = "pricing-a-co-sell-deal";
const postPath = () => path.join(root, "content", "posts", FILE);
const leftovers = async () => (await readdir(path.join(root, "content", "posts"))).filter((name) => name.endsWith(".tmp"));

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "folio-write-fail-"));
  await cp(path.resolve("tests/fixtures/site"), path.join(root, "content"), { recursive: true });
  vi.stubEnv("CONTENT_DIR", path.join(root, "content"));
  vi.stubEnv("DATA_DIR", path.join(root, "data"));
  invalidateContentIndex();
});

afterEach(async () => {
  injected.failure = null;
  vi.mocked(fsPromises.open).mockClear();
  vi.unstubAllEnvs();
  invalidateContentIndex();
  await rm(root, { recursive: true, force: true });
});

describe("setFeatured when the disk says no", () => {
  it.each([
    ["a full disk, before a byte is written", { code: "ENOSPC", at: "open" }, /disk full \(ENOSPC\)/],
    ["a full disk, half-way through the write", { code: "ENOSPC", at: "write" }, /disk full \(ENOSPC\)/],
    ["a disk over quota", { code: "EDQUOT", at: "write" }, /disk quota exceeded \(EDQUOT\)/],
    ["a read-only file system", { code: "EROFS", at: "open" }, /read-only or not writable \(EROFS\)/],
    ["a folder without write permission", { code: "EACCES", at: "open" }, /read-only or not writable \(EACCES\)/],
  ] as const)("fails clearly on %s, and changes nothing", async (_label, failure, reason) => {
    const before = await readFile(postPath());
    injected.failure = { ...failure, times: 1 };
    const result = await setFeatured(SLUG, true, "m@example.com");
    expect(result).toEqual({ ok: false, status: 500, error: expect.stringMatching(/^Nothing was changed: Could not write .*pricing-a-co-sell-deal\.md: /) });
    expect(result.ok === false && result.error).toMatch(reason);
    expect((await readFile(postPath())).equals(before)).toBe(true);
    expect(await leftovers()).toEqual([]);
    expect(await recentChanges()).toEqual([]);

    // The failure is not sticky: once the disk has room again, the same toggle works.
    expect(await setFeatured(SLUG, true, "m@example.com")).toEqual({ ok: true, changed: true, featured: true });
    expect(await readFile(postPath(), "utf8")).toContain("\nfeatured: true\n");
  });

  it("fails clearly, and changes nothing, when even the lock file beside the post cannot be made (a read-only folder)", async () => {
    const before = await readFile(postPath());
    const realOpen = vi.mocked(fsPromises.open).getMockImplementation()!;
    vi.mocked(fsPromises.open).mockImplementation(async (file, ...rest) => {
      if (String(file).endsWith(".lock")) throw Object.assign(new Error("EROFS: simulated"), { code: "EROFS" });
      return (realOpen as (...args: unknown[]) => ReturnType<typeof fsPromises.open>)(file, ...rest);
    });
    const result = await setFeatured(SLUG, true, "m@example.com");
    vi.mocked(fsPromises.open).mockImplementation(realOpen);
    expect(result).toEqual({ ok: false, status: 500, error: expect.stringMatching(/^Nothing was changed: Could not lock .*pricing-a-co-sell-deal\.md: read-only or not writable \(EROFS\)$/) });
    expect((await readFile(postPath())).equals(before)).toBe(true);
  });

  it("puts the old bytes back when the audit log cannot be written, so no change goes unrecorded", async () => {
    const before = await readFile(postPath());
    // DATA_DIR below a regular file: mkdir and every append fail with ENOTDIR, a real error, not a simulated one.
    await writeFile(path.join(root, "not-a-folder"), "x");
    vi.stubEnv("DATA_DIR", path.join(root, "not-a-folder", "data"));
    const result = await setFeatured(SLUG, true, "m@example.com");
    expect(result).toEqual({ ok: false, status: 500, error: expect.stringMatching(/^Nothing was changed: the audit log could not be written \(.*ENOTDIR.*\)\.$/) });
    expect((await readFile(postPath())).equals(before)).toBe(true);
    expect(await leftovers()).toEqual([]);
  });

  it("says plainly when the post changed and putting it back failed too", async () => {
    await writeFile(path.join(root, "not-a-folder"), "x");
    vi.stubEnv("DATA_DIR", path.join(root, "not-a-folder", "data"));
    // The edit's own write goes through; the restoring write (the second temp file) hits a full disk.
    const realOpen = vi.mocked(fsPromises.open).getMockImplementation()!;
    let temps = 0;
    vi.mocked(fsPromises.open).mockImplementation(async (file, ...rest) => {
      if (String(file).endsWith(".tmp") && ++temps === 2) throw Object.assign(new Error("ENOSPC: simulated"), { code: "ENOSPC" });
      return (realOpen as (...args: unknown[]) => ReturnType<typeof fsPromises.open>)(file, ...rest);
    });
    const result = await setFeatured(SLUG, true, "m@example.com");
    vi.mocked(fsPromises.open).mockImplementation(realOpen);
    expect(result).toEqual({
      ok: false,
      status: 500,
      error: expect.stringMatching(/^The post was changed but the audit log could not be written \(.*\), and restoring it failed: .*disk full \(ENOSPC\)$/),
    });
    expect(await readFile(postPath(), "utf8")).toContain("\nfeatured: true\n");
  });
});

describe("setFeatured when the file changes on disk mid-write (an editor's save, a git pull)", () => {
  /** Makes the next temp-file open (the `n`th, counting from 1) first overwrite the post, as an editor saving would. */
  function editOnDiskAtTemp(n: number, text: (current: string) => string) {
    const realOpen = vi.mocked(fsPromises.open).getMockImplementation()!;
    let temps = 0;
    vi.mocked(fsPromises.open).mockImplementation(async (file, ...rest) => {
      if (String(file).endsWith(".tmp") && ++temps === n) await writeFile(postPath(), text(await readFile(postPath(), "utf8")));
      return (realOpen as (...args: unknown[]) => ReturnType<typeof fsPromises.open>)(file, ...rest);
    });
    return () => vi.mocked(fsPromises.open).mockImplementation(realOpen);
  }

  it("answers 409 and writes nothing: the edit on disk stands, and no audit record names a wrong 'before'", async () => {
    const restore = editOnDiskAtTemp(1, (current) => current.replace("title:", "title: Edited on disk -"));
    const result = await setFeatured(SLUG, true, "m@example.com");
    restore();
    expect(result).toEqual({ ok: false, status: 409, error: expect.stringMatching(/changed on disk while it was being edited; nothing was written/) });
    const after = await readFile(postPath(), "utf8");
    expect(after).toContain("title: Edited on disk -");
    expect(after).not.toContain("\nfeatured: true\n");
    expect(await leftovers()).toEqual([]);
    expect(await recentChanges()).toEqual([]);
  });

  it("the undo path too: a change made on disk after the toggle's write is not overwritten by the undo", async () => {
    await writeFile(path.join(root, "not-a-folder"), "x");
    vi.stubEnv("DATA_DIR", path.join(root, "not-a-folder", "data"));
    // The toggle writes (temp 1), the audit append fails, and before the undo (temp 2) an editor saves.
    const restore = editOnDiskAtTemp(2, (current) => `${current}\nAdded on disk.\n`);
    const result = await setFeatured(SLUG, true, "m@example.com");
    restore();
    expect(result).toEqual({ ok: false, status: 409, error: expect.stringMatching(/edited on disk since, so that edit was kept/) });
    expect(await readFile(postPath(), "utf8")).toContain("Added on disk.");
    expect(await leftovers()).toEqual([]);
  });
});
