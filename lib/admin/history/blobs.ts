import "server-only";
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/config/env";
import { writeFileAtomic } from "@/lib/fs/atomic";

/**
 * The history's content-addressed store: DATA_DIR/history/blobs/AB/HASH holds one post file's exact bytes, named by
 * their SHA-256 (the hash the audit log records as hashBefore/hashAfter), so each distinct content is kept once
 * however many changes lead to it. Blobs are written atomically and owner-only; storing one that exists only marks
 * it as used again, which is what retention counts from.
 */

const HASH = /^[0-9a-f]{64}$/;

/** Whether `value` has the shape of a blob's name (a lowercase hex SHA-256). */
export function isBlobHash(value: unknown): value is string {
  return typeof value === "string" && HASH.test(value);
}

/** DATA_DIR/history: the blobs and the last known hash of every post file. */
export function historyDir(): string {
  return path.join(/* turbopackIgnore: true */ env().dataDir, "history");
}

function blobsDir(): string {
  return path.join(/* turbopackIgnore: true */ historyDir(), "blobs");
}

function blobPath(hash: string): string {
  return path.join(/* turbopackIgnore: true */ blobsDir(), hash.slice(0, 2), hash);
}

/** Keeps `bytes` (once per distinct content) and returns their SHA-256, the blob's name. */
export async function storeBlob(bytes: Buffer): Promise<string> {
  const hash = createHash("sha256").update(bytes).digest("hex");
  const file = blobPath(hash);
  const now = new Date();
  try {
    await utimes(file, now, now); // already kept: used again today, so retention keeps it longer
    return hash;
  } catch (error) {
    // Kept, but it cannot be touched (a read-only or full DATA_DIR): the touch is only retention's hint, and the
    // write that follows says what is wrong with the disk.
    if ((error as { code?: string }).code !== "ENOENT") return hash;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, bytes, { mode: 0o600 });
  return hash;
}

/** The bytes kept under `hash`, or null when there are none (never kept, or removed by retention). */
export async function readBlob(hash: string): Promise<Buffer | null> {
  if (!isBlobHash(hash)) return null;
  const bytes = await readFile(blobPath(hash)).catch(() => null);
  // A blob is only ever trusted when its bytes still have its name (a disk error or a hand edit otherwise lies).
  if (!bytes || createHash("sha256").update(bytes).digest("hex") !== hash) return null;
  return bytes;
}

/**
 * Removes the blobs not used by any change for `keepDays` days, except the `pinned` ones (the history of posts in
 * the trash). Returns how many were removed. A blob removed here only makes an old version unavailable: the audit
 * log still says who changed what, and when.
 */
export async function pruneBlobs(keepDays: number, pinned: ReadonlySet<string>, now = Date.now()): Promise<number> {
  const cutoff = now - keepDays * 24 * 60 * 60 * 1000;
  let removed = 0;
  for (const shard of await readdir(blobsDir()).catch(() => [] as string[])) {
    const folder = path.join(/* turbopackIgnore: true */ blobsDir(), shard);
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      if (!isBlobHash(name) || pinned.has(name)) continue;
      const info = await stat(path.join(/* turbopackIgnore: true */ folder, name)).catch(() => null);
      if (info && info.mtimeMs < cutoff) {
        await rm(path.join(/* turbopackIgnore: true */ folder, name), { force: true });
        removed++;
      }
    }
  }
  return removed;
}
