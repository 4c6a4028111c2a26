// One machine's storage for Folio's cache handler: Next.js's own FileSystemCache (the files under the build folder,
// build-time prerendered pages included), plus a delete. `next` is pinned to an exact version in package.json because
// this is an internal path; e2e/hardening.spec.ts fails if it moves (the handler would not load and every 404 would
// write files again).
import { rm } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache.js").default;

// What FileSystemCache writes beside an entry's key (next/dist/lib/constants.js).
const SUFFIXES = {
  APP_PAGE: [".html", ".meta", ".rsc", ".prefetch.rsc", ".segments"],
  APP_ROUTE: [".body", ".meta"],
  PAGES: [".html", ".meta", ".json"],
};

/** The storage interface the handler needs: get and set as Next.js calls them, and delete. */
export class FileStorage extends FileSystemCache {
  /**
   * Removes every file of the entry at `key`: the one the handler stored (`/route-cache/<KIND>/<route>/$/<path>`)
   * and the build's prerendered copy of the same page (`/<path>`), which FileSystemCache would otherwise serve again.
   * Missing files and names too long for the file system are not errors.
   * @param {string} key @param {{ kind?: string }} ctx
   */
  async delete(key, ctx) {
    const kind = ctx?.kind;
    const suffixes = SUFFIXES[kind];
    if (!suffixes || !this.serverDistDir) return;
    const keys = [key];
    const marker = key.indexOf("/$/");
    if (marker !== -1 && this.#seedBelongsTo(key, key.slice(marker + 2), kind)) keys.push(key.slice(marker + 2));
    await Promise.all(
      keys.flatMap((k) =>
        suffixes.map(async (suffix) => {
          let file;
          try {
            file = this.getFilePath(`${k}${suffix}`, kind);
          } catch {
            return; // a key that resolves outside the cache folder: nothing of ours lives there
          }
          await rm(file, { recursive: true, force: true }).catch(() => undefined);
        }),
      ),
    );
  }

  /** Whether the build's copy at `seedKey` is the page of `key` (FileSystemCache's own test before it reads a seed). */
  #seedBelongsTo(key, seedKey, kind) {
    try {
      const meta = JSON.parse(this.fs.readFileSync(this.getFilePath(`${seedKey}.meta`, kind), "utf8"));
      return meta?.routeCache?.key === key;
    } catch {
      return false;
    }
  }
}
