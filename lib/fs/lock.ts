import "server-only";
import { randomUUID } from "node:crypto";
import { open, readFile, rename, rm, stat, utimes } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { sharedRedis } from "@/lib/redis/connection.mjs";
import { acquireRedisLock } from "@/lib/redis/lock";

/**
 * A lock on one file shared by every process on the machine (the server, the users CLI, a second server) and by
 * machines sharing the folder: a lock file created with O_EXCL beside the file (`.NAME.lock`, hidden from the
 * content loader). A lock whose holder died is taken over: at once when the holder was a process on this machine
 * that no longer exists (kill -9), else once the lock file has not been touched for `staleMs` (a live holder touches
 * it every third of that).
 *
 * With REDIS_URL set, the lock is on Redis instead (lib/redis/lock.ts): a network file system's O_EXCL and its
 * attribute caching are not to be trusted across machines, and a holder on another machine cannot be checked by pid.
 * It is keyed by the file's absolute real path, so every machine must mount the shared volume at the same path (the
 * README's deployment recipe does); if one did not, the compare-and-swap before every rename still refuses the
 * second of two overlapping writes.
 */

export type LockOptions = {
  /** Give up (error code ELOCKED) after waiting this long for another holder. */
  timeoutMs?: number;
  /** A lock file untouched for this long belongs to a holder that died. */
  staleMs?: number;
};

export const LOCK_TIMEOUT_MS = 15_000;
export const LOCK_STALE_MS = 10_000;

type Holder = { pid: number; host: string; token: string };

/** The lock file that guards `file`. */
export function lockPathFor(file: string): string {
  return path.join(/* turbopackIgnore: true */ path.dirname(file), `.${path.basename(file)}.lock`);
}

const HOST = hostname();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // it exists, it is just not ours to signal
  }
}

async function readHolder(lockFile: string): Promise<{ holder: Holder | null; mtimeMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readFile(lockFile, "utf8"), stat(lockFile)]);
    let holder: Holder | null = null;
    try {
      holder = JSON.parse(text) as Holder;
    } catch {
      holder = null; // torn by a crash between create and write: judged by its age alone
    }
    return { holder, mtimeMs: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function isStale(found: { holder: Holder | null; mtimeMs: number }, staleMs: number): boolean {
  const { holder } = found;
  if (holder && holder.host === HOST && typeof holder.pid === "number" && holder.pid !== process.pid && !isAlive(holder.pid)) return true;
  return Date.now() - found.mtimeMs > staleMs;
}

/** Moves a dead holder's lock out of the way; only one of several processes that judged it stale wins the rename. */
async function takeOver(lockFile: string): Promise<void> {
  const aside = `${lockFile}.${randomUUID()}.stale`;
  try {
    await rename(lockFile, aside);
  } catch {
    return; // another process took it first
  }
  await rm(aside, { force: true });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for the cross-process lock on `file` and returns its release. Errors other than "somebody holds it" (a
 * read-only or full folder) are thrown at once, keeping their `code`.
 */
export async function acquireFileLock(file: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const redis = sharedRedis();
  if (redis) return acquireRedisLock(redis, `file:${file}`, { ttlMs: options.staleMs ?? LOCK_STALE_MS, timeoutMs: options.timeoutMs ?? LOCK_TIMEOUT_MS });
  const lockFile = lockPathFor(file);
  const staleMs = options.staleMs ?? LOCK_STALE_MS;
  const deadline = Date.now() + (options.timeoutMs ?? LOCK_TIMEOUT_MS);
  const me: Holder = { pid: process.pid, host: HOST, token: randomUUID() };
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockFile, "wx", 0o600);
      try {
        await handle.writeFile(JSON.stringify(me));
      } catch (error) {
        // A full disk can create the file but not fill it: leave no empty lock for the next writer to wait out.
        await handle.close();
        await rm(lockFile, { force: true });
        throw error;
      }
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const found = await readHolder(lockFile);
    if (found && isStale(found, staleMs)) {
      await takeOver(lockFile);
      continue;
    }
    if (Date.now() > deadline) {
      throw Object.assign(new Error(`${file} is locked by another process (${lockFile}); try again`), { code: "ELOCKED" });
    }
    await sleep(Math.min(200, 10 + attempt * 10) * (0.5 + Math.random()));
  }
  // A long hold (a slow disk, a busy machine) keeps its lock file fresh so nobody judges it dead.
  const touch = setInterval(() => void utimes(lockFile, new Date(), new Date()).catch(() => undefined), Math.max(500, staleMs / 3));
  touch.unref();
  return async () => {
    clearInterval(touch);
    // Only our own lock is removed: if a takeover happened meanwhile, the file is someone else's now.
    const found = await readHolder(lockFile).catch(() => null);
    if (found?.holder?.token === me.token) await rm(lockFile, { force: true });
  };
}
