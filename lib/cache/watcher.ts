import "server-only";
import { readdirSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { env } from "@/lib/config/env";
import { invalidateContentIndex, isPublic, loadContentIndex, nextTransitionAt, onContentChange, type ContentIndex, type Post } from "@/lib/content";
import { listenForChanges } from "./broadcast";
import { affectedPaths, onLocalChange, publishChange } from "./index";

/**
 * The content watcher: in the server process, it notices when a post enters or leaves the public set, or a public
 * post changes, with no admin action (a file set to `draft: true`, deleted, renamed, its slug changed, its date
 * reached, its expiry reached), and expires every public path that shows it (lib/cache affectedPaths). The next
 * request for those paths renders them afresh, so an unpublished post answers 404 at once.
 *
 * How it notices: a file-system watch on each folder of CONTENT_DIR (a change is seen about a tenth of a second
 * later), a timer set for the next scheduled publish or expiry, and a slow safety poll (every second only where the
 * watch is not available). Each look is the loader's own (a stat per file, re-reading only changed files).
 *
 * With several instances (REDIS_URL), a change this watcher sees first is announced to the others and refreshed in
 * nginx (lib/cache publishChange); when another instance announces one, this watcher takes a quiet look at once
 * (its own expiry, no announcement of its own), so it catches up without waiting for its file system.
 */

/** The public posts by slug, as of one look. */
type PublicSet = Map<string, Post>;

export type ContentWatcherOptions = {
  dir?: string;
  /** How often to look even without a file-system event; by default 10 s, or 1 s when the watch is unavailable. */
  pollMs?: number;
  /** How long to wait after a file-system event for the burst of events of one save to end. */
  debounceMs?: number;
  /** Told of every look, after the pages are expired (the admin's history notes changes made outside it). */
  onLook?: (index: ContentIndex) => Promise<unknown>;
};

export type ScanOptions = {
  /**
   * Whether a change found is announced to the other instances and nginx (a change seen here first; the default),
   * or only expired (a change another instance, or this process's admin, already announced).
   */
  announce?: boolean;
};

export type ContentWatcher = {
  /** Looks now; resolves to the paths it expired. */
  scan(options?: ScanOptions): Promise<string[]>;
  stop(): void;
};

/** The public paths to expire between two looks: every post that appeared, disappeared or changed. */
export function changedPaths(before: PublicSet, after: PublicSet): string[] {
  const paths = new Set<string>();
  for (const [slug, old] of before) {
    const now = after.get(slug);
    if (!now || now.hash !== old.hash) for (const path of affectedPaths(old, now)) paths.add(path);
  }
  for (const [slug, post] of after) if (!before.has(slug)) for (const path of affectedPaths(undefined, post)) paths.add(path);
  return [...paths];
}

const MAX_TIMER_MS = 2 ** 31 - 1;
// Folders no content is read from: a Hugo site's build output and caches, dependencies, hidden folders (.git).
const UNWATCHED = new Set(["node_modules", "public", "resources"]);
const MAX_WATCHED_FOLDERS = 10_000;

/**
 * CONTENT_DIR and the folders below it, each to be watched on its own. Not Node's recursive watch: on Linux it walks
 * and stats the whole tree again in the server's main thread on every event (about half a second at 5,000 posts,
 * for each save). A folder's own watch sees every file made, changed, renamed or removed in it.
 */
export function foldersToWatch(dir: string): string[] {
  const folders = [dir];
  for (let i = 0; i < folders.length && folders.length < MAX_WATCHED_FOLDERS; i++) {
    let entries;
    try {
      entries = readdirSync(folders[i]!, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) if (entry.isDirectory() && !entry.name.startsWith(".") && !UNWATCHED.has(entry.name)) folders.push(path.join(/* turbopackIgnore: true */ folders[i]!, entry.name));
  }
  return folders.slice(0, MAX_WATCHED_FOLDERS);
}

/** Starts watching CONTENT_DIR (or `options.dir`). The first look only records what is public. */
export function startContentWatcher(options: ContentWatcherOptions = {}): ContentWatcher {
  const dir = options.dir ?? env().contentDir;
  let previous: PublicSet | undefined;
  let running: Promise<string[]> | undefined;
  let queued: Promise<string[]> | undefined;
  let again: ScanOptions | undefined;
  let stopped = false;
  let transition: NodeJS.Timeout | undefined;
  let debounce: NodeJS.Timeout | undefined;
  let lastError = "";

  const look = async (announce: boolean): Promise<string[]> => {
    const index = await loadContentIndex(dir);
    const now = Date.now();
    // Translations (a Hugo site's other languages) are posts at URLs of their own: theirs are expired the same way.
    const posts = [...index.posts, ...index.translations];
    const current: PublicSet = new Map(posts.filter((post) => isPublic(post, now)).map((post) => [post.slug, post]));
    const paths = previous ? changedPaths(previous, current) : [];
    previous = current;
    if (paths.length > 0) await publishChange(paths, { announce });
    armTransition(nextTransitionAt(posts, now), now);
    await options.onLook?.(index);
    return paths;
  };

  const scan = async (options: ScanOptions = {}): Promise<string[]> => {
    const announce = options.announce ?? true;
    if (stopped) return [];
    if (running) {
      // A change arrived mid-look: look once more when this one ends (announcing if either asked to); whoever asked
      // is answered when that second look is done, since the first may have read the files before the change.
      again = { announce: announce || (again?.announce ?? false) };
      queued ??= running.then(() => {
        const next = again ?? {};
        again = undefined;
        queued = undefined;
        return scan(next);
      });
      return queued;
    }
    running = look(announce)
      .catch((error: Error) => {
        if (error.message !== lastError) console.error(`[folio] content watcher: ${(lastError = error.message)}`);
        return [];
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  function armTransition(at: number | undefined, now: number): void {
    clearTimeout(transition);
    if (at === undefined || stopped) return;
    // +1 ms: the public rule counts a post dated exactly now as public.
    transition = setTimeout(() => void scan(), Math.min(MAX_TIMER_MS, Math.max(0, at - now + 1)));
    transition.unref();
  }

  const folders = new Map<string, FSWatcher>();
  let watching = true;
  const onEvent = () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      invalidateContentIndex(); // the loader trusts its last look for a second; this event says it is out of date
      watchFolders(); // a folder made or removed since
      void scan();
    }, options.debounceMs ?? 100);
    debounce.unref();
  };
  function watchFolders(): void {
    if (!watching || stopped) return;
    const wanted = new Set(foldersToWatch(dir));
    for (const [folder, watcher] of folders) {
      if (wanted.has(folder)) continue;
      watcher.close();
      folders.delete(folder);
    }
    try {
      for (const folder of wanted) {
        if (folders.has(folder)) continue;
        const watcher = watch(folder, { persistent: false }, onEvent);
        watcher.on("error", () => {
          watcher.close();
          folders.delete(folder);
        });
        folders.set(folder, watcher);
      }
    } catch {
      // No such folder yet, no watch support, or the system's limit of watches reached: the poll does the work.
      for (const watcher of folders.values()) watcher.close();
      folders.clear();
      watching = false;
    }
  }
  watchFolders();
  const fastPoll = options.pollMs ?? 1_000;
  const slowPoll = options.pollMs ?? 10_000;
  let lastPoll = Date.now();
  const poll = setInterval(() => {
    if (Date.now() - lastPoll < (watching ? slowPoll : fastPoll)) return;
    lastPoll = Date.now();
    void scan();
  }, Math.min(fastPoll, slowPoll));
  poll.unref();
  void scan();

  return {
    scan,
    stop() {
      stopped = true;
      for (const watcher of folders.values()) watcher.close();
      folders.clear();
      clearInterval(poll);
      clearTimeout(transition);
      clearTimeout(debounce);
    },
  };
}

const WATCHER_KEY = Symbol.for("folio.content-watcher");

/**
 * Starts the process's one content watcher (instrumentation.ts calls it at start-up); later calls return it. It
 * takes a quiet look after each change the app makes itself, and, with REDIS_URL, after each change another instance
 * announces (and after a reconnect, when announcements may have been missed).
 */
export function ensureContentWatcher(options: ContentWatcherOptions = {}): ContentWatcher {
  const slot = globalThis as Record<symbol, ContentWatcher | undefined>;
  if (slot[WATCHER_KEY]) return slot[WATCHER_KEY];
  const watcher = startContentWatcher(options);
  slot[WATCHER_KEY] = watcher;
  onLocalChange(() => void watcher.scan({ announce: false }));
  // A request that meets changed content before the watch reports it waits for this look (lib/routing).
  onContentChange(() => watcher.scan());
  const catchUp = () => {
    invalidateContentIndex();
    return watcher.scan({ announce: false });
  };
  listenForChanges(catchUp, catchUp);
  return watcher;
}
