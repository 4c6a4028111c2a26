import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { readEnv } from "@/lib/config/env";
import { OUTSIDE_ACTOR, recordChange, type AuditInput } from "../audit";
import { trashDir } from "../trash";
import { pruneBlobs, readBlob, storeBlob } from "./blobs";
import { compareVersions } from "./compare";
import { readHeads, setHead } from "./heads";

/** The bytes an admin write replaced and the bytes it wrote (null: there was no file before, or none after). */
export type WrittenBytes = { before: Buffer | null; after: Buffer | null };

/**
 * Records an admin write (call it under the post file's lock, after the write): both versions go into the history's
 * store, then the audit record, then the file's head. When the replaced bytes are not the head the history knew, the
 * file was changed outside the admin since, and that change is recorded first, so every version links to the next.
 * Throws when the versions or the record cannot be kept; the caller then undoes its write.
 */
export async function recordWrite(record: AuditInput, bytes: WrittenBytes): Promise<void> {
  if (bytes.before) await storeBlob(bytes.before);
  if (bytes.after) await storeBlob(bytes.after);
  const head = (await readHeads()).files[record.file];
  if (bytes.before && record.hashBefore && head && head.hash !== record.hashBefore) {
    const replaced = await readBlob(head.hash);
    const change = replaced ? compareVersions(replaced, bytes.before) : undefined;
    await recordChange({ at: record.at, actor: OUTSIDE_ACTOR, action: "outside", slug: record.slug, file: record.file, fields: change?.fields, bodyChanged: change?.bodyChanged, hashBefore: head.hash, hashAfter: record.hashBefore });
  }
  await recordChange(record);
  try {
    await setHead(record.file, record.hashAfter, record.slug);
  } catch (error) {
    // The write and its record stand; the next look may then record this write a second time, as an outside change.
    console.error(`[folio] history: could not note the new version of ${record.file}: ${(error as Error).message}`);
  }
  void pruneSometimes();
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;
const PRUNE_KEY = Symbol.for("folio.history-pruned-at");

/** At most once an hour per process, after a write: removes the versions past FOLIO_HISTORY_DAYS. */
async function pruneSometimes(now = Date.now()): Promise<void> {
  const slot = globalThis as Record<symbol, number | undefined>;
  if (now - (slot[PRUNE_KEY] ?? 0) < PRUNE_EVERY_MS) return;
  slot[PRUNE_KEY] = now;
  try {
    await pruneHistory(now);
  } catch (error) {
    console.error(`[folio] history: pruning old versions failed: ${(error as Error).message}`);
  }
}

/**
 * Removes the versions no change has used for FOLIO_HISTORY_DAYS days (0 keeps all), keeping every version of the
 * posts in the trash: their history stays with them. Returns how many were removed.
 */
export async function pruneHistory(now = Date.now()): Promise<number> {
  const days = readEnv("FOLIO_HISTORY_DAYS");
  if (days === 0) return 0;
  return pruneBlobs(days, await trashedVersions(), now);
}

/** The hashes the trash's history files name (trash/ID/history.json, written when a post is deleted). */
async function trashedVersions(): Promise<Set<string>> {
  const pinned = new Set<string>();
  for (const id of await readdir(trashDir()).catch(() => [] as string[])) {
    const text = await readFile(path.join(/* turbopackIgnore: true */ trashDir(), id, "history.json"), "utf8").catch(() => "");
    for (const match of text.matchAll(/"([0-9a-f]{64})"/g)) pinned.add(match[1]!);
  }
  return pinned;
}
