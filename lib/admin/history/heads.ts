import "server-only";
import path from "node:path";
import { z } from "zod";
import { readJsonFile, updateJsonFile } from "@/lib/fs/json-file";
import { historyDir } from "./blobs";

/**
 * The last content the history knows of each post file (DATA_DIR/history/heads.json): the hash an admin write left,
 * or the one an outside change was recorded with. A file whose hash on disk is not its head was changed outside the
 * admin. `initialized` is false until the first look records every file as it is, so a site's existing posts are
 * not all reported as changed on the first start.
 */
const headsSchema = z.object({
  version: z.literal(1),
  initialized: z.boolean(),
  files: z.record(z.string(), z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/), slug: z.string() })),
});

export type Heads = z.infer<typeof headsSchema>;

const options = { missing: { version: 1 as const, initialized: false, files: {} }, advice: "delete it: the history then starts again from the files as they are" };

function headsFile(): string {
  return path.join(/* turbopackIgnore: true */ historyDir(), "heads.json");
}

/** The heads as they are now. */
export function readHeads(): Promise<Heads> {
  return readJsonFile(headsFile(), headsSchema, options);
}

/** Sets (or, with `hash` null, forgets) the head of one file, under the heads file's cross-process lock. */
export function setHead(file: string, hash: string | null, slug: string): Promise<void> {
  return changeHeads((heads) => {
    if (hash) heads.files[file] = { hash, slug };
    else delete heads.files[file];
  });
}

/** A read-modify-write of the heads under their lock. */
export function changeHeads(change: (heads: Heads) => void): Promise<void> {
  return updateJsonFile(headsFile(), headsSchema, options, (current) => {
    const next = structuredClone(current);
    change(next);
    return { next, result: undefined };
  });
}
