import "server-only";
import { mkdir } from "node:fs/promises";
import { env } from "@/lib/config/env";
import { noteDataDirFailure } from "@/lib/auth/data-dir-health";
import { writeFeaturedFlag, type SetFeaturedResult } from "@/lib/content";
import { recordWrite } from "./history/record";

/**
 * The Featured toggle: sets or clears `featured` in the post's file (lib/content edits only that line, atomically,
 * under the file's lock) and records who did it in the audit log. A change the log cannot record is undone.
 */
export async function setFeatured(slug: string, featured: boolean, actor: string): Promise<SetFeaturedResult> {
  return writeFeaturedFlag(slug, featured, {
    name: "the audit log",
    async record(change) {
      try {
        await mkdir(env().dataDir, { recursive: true, mode: 0o700 });
        const { bytesBefore, bytesAfter, ...record } = change;
        await recordWrite({ at: new Date().toISOString(), actor, ...record }, { before: bytesBefore, after: bytesAfter });
      } catch (error) {
        noteDataDirFailure(error); // so every admin page says why, not only this answer
        throw error;
      }
    },
  });
}
