import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { historyDir, pruneBlobs, readBlob, storeBlob } from "./blobs";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "folio-blobs-"));
  vi.stubEnv("DATA_DIR", path.join(root, "data"));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(root, { recursive: true, force: true });
});

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const blobFile = (hash: string) => path.join(historyDir(), "blobs", hash.slice(0, 2), hash);
const DAY = 24 * 60 * 60 * 1000;

async function allBlobs(): Promise<string[]> {
  const shards = await readdir(path.join(historyDir(), "blobs")).catch(() => []);
  const names = await Promise.all(shards.map((s) => readdir(path.join(historyDir(), "blobs", s))));
  return names.flat().sort();
}

describe("the history's blob store", () => {
  it("keeps each distinct content once, named by its SHA-256 (the audit log's hashes), owner-only", async () => {
    const a = await storeBlob(Buffer.from("version one\n"));
    const again = await storeBlob(Buffer.from("version one\n"));
    const b = await storeBlob(Buffer.from("version two\n"));
    expect(a).toBe(sha("version one\n"));
    expect(again).toBe(a);
    expect(b).toBe(sha("version two\n"));
    expect(await allBlobs()).toEqual([a, b].sort());
    expect((await stat(blobFile(a))).mode & 0o777).toBe(0o600);
    expect((await readBlob(a))!.toString()).toBe("version one\n");
  });

  it("answers null for an unknown, malformed or tampered blob", async () => {
    expect(await readBlob(sha("never stored"))).toBeNull();
    expect(await readBlob("../../users.json")).toBeNull();
    const hash = await storeBlob(Buffer.from("original"));
    await writeFile(blobFile(hash), "changed by hand");
    expect(await readBlob(hash)).toBeNull();
  });

  it("prunes what no change used for the retention's days, keeps pinned ones and ones used again", async () => {
    const now = Date.now();
    const old = await storeBlob(Buffer.from("old"));
    const pinned = await storeBlob(Buffer.from("pinned, in the trash"));
    const reused = await storeBlob(Buffer.from("old but used again"));
    const fresh = await storeBlob(Buffer.from("fresh"));
    const longAgo = new Date(now - 40 * DAY);
    for (const hash of [old, pinned, reused]) await utimes(blobFile(hash), longAgo, longAgo);
    await storeBlob(Buffer.from("old but used again")); // a later change used it: its clock starts again
    expect(await pruneBlobs(30, new Set([pinned]), now)).toBe(1);
    expect(await allBlobs()).toEqual([pinned, reused, fresh].sort());
    expect(await readBlob(old)).toBeNull();
    // Forty days is within a 60-day retention: nothing goes.
    await utimes(blobFile(reused), longAgo, longAgo);
    expect(await pruneBlobs(60, new Set(), now)).toBe(0);
  });
});
