import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { acquireFileLock } from "./lock";

// A disk with room for a new (empty) file but not for a byte more: the lock file is created, its holder record fails.
const full = { on: false };
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const open = vi.fn(async (...args: Parameters<typeof actual.open>) => {
    const handle = await actual.open(...args);
    if (full.on && String(args[0]).endsWith(".lock")) {
      handle.writeFile = async () => Promise.reject(Object.assign(new Error("ENOSPC: simulated"), { code: "ENOSPC" }));
    }
    return handle;
  });
  return { ...actual, open };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "folio-lock-full-"));
});
afterEach(async () => {
  full.on = false;
  await rm(dir, { recursive: true, force: true });
});

describe("a lock on a full disk", () => {
  it("fails with the disk's error and leaves no lock file for the next writer to wait out", async () => {
    const file = path.join(dir, "post.md");
    full.on = true;
    await expect(acquireFileLock(file)).rejects.toMatchObject({ code: "ENOSPC" });
    full.on = false;
    expect(await readdir(dir)).toEqual([]);
    await (await acquireFileLock(file, { timeoutMs: 500 }))();
  });
});
