import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { link, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { acquireFileLock } from "./lock";

/** Options for {@link writeFileAtomic}. */
export type AtomicWriteOptions = {
  /** Permission bits of the new file (before umask); 0o600 for anything holding secrets. */
  mode?: number;
  /** Create only: fail (error `code` "EEXIST") instead of replacing an existing file. */
  exclusive?: boolean;
  /**
   * Compare-and-swap: the bytes (or their SHA-256, hex) the caller read. Just before the rename the file is read
   * again; if it no longer holds them (an editor saved, a git pull ran, the file is gone), nothing is written and
   * a {@link WriteConflictError} is thrown. Call it under {@link withFileLock}.
   */
  expect?: Buffer | string;
};

/** The file changed since the caller read it; nothing was written. `code` is "ECONFLICT". */
export class WriteConflictError extends Error {
  readonly code = "ECONFLICT";
  constructor(readonly file: string) {
    super(`${file} changed on disk since it was read; nothing was written`);
    this.name = "WriteConflictError";
  }
}

/** SHA-256 of some bytes, hex: the form {@link AtomicWriteOptions.expect} compares. */
export function sha256Hex(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function currentHash(file: string): Promise<string | null> {
  try {
    return sha256Hex(await readFile(file));
  } catch (error) {
    if ((error as NodeError).code === "ENOENT") return null;
    throw error;
  }
}

/** Longest JSONL record {@link appendLineDurable} accepts: one write() this size is never interleaved in practice. */
export const MAX_LINE_BYTES = 4096;

type NodeError = Error & { code?: string };

const REASONS: Record<string, string> = {
  ENOSPC: "disk full",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only or not writable",
  EACCES: "read-only or not writable",
  EPERM: "read-only or not writable",
  ENOENT: "its folder does not exist",
};

/** Rewords a file-system error so the log names the file and the likely cause; keeps `code` and `cause`. */
function describe(action: string, file: string, error: unknown): NodeError {
  const code = (error as NodeError).code;
  const reason = (code ? REASONS[code] : undefined) ?? (error as Error).message;
  const wrapped: NodeError = new Error(`Could not ${action} ${file}: ${reason}${code ? ` (${code})` : ""}`, { cause: error });
  wrapped.code = code;
  return wrapped;
}

/** Flushes a folder's entry table so a rename inside it survives a power cut; some platforms cannot open folders. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    const code = (error as NodeError).code;
    if (code !== "EINVAL" && code !== "EISDIR" && code !== "EPERM") throw error;
  } finally {
    await handle?.close();
  }
}

/** A temp file older than this belongs to a write that died with its process (kill -9, power cut). */
export const STALE_TEMP_MS = 60_000;

/**
 * Removes temp files that a killed process left beside `target` (`.name.<hex>.tmp`, older than STALE_TEMP_MS).
 * Best effort: a folder that cannot be listed or a file that is already gone is not an error.
 */
async function sweepStaleTemps(target: string): Promise<void> {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{16}\.tmp$/.test(name.slice(prefix.length))) continue;
    const full = path.join(/* turbopackIgnore: true */ dir, name);
    const info = await stat(full).catch(() => null);
    if (info && now - info.mtimeMs > STALE_TEMP_MS) await rm(full, { force: true }).catch(() => undefined);
  }
}

/**
 * Replaces `file` with `data` so that readers and crashes only ever see the old or the new content, never a mix:
 * write a temp file beside it, fsync, rename over the target, fsync the folder. A file that exists keeps its
 * permission bits and owner (a 0600 file stays 0600), unless `mode` says otherwise. With `expect`, the swap happens
 * only if the file still holds the bytes the caller read. The temp file is removed on failure; ones that earlier,
 * killed writers left behind are swept after a successful write.
 */
export async function writeFileAtomic(file: string, data: string | Buffer, options: AtomicWriteOptions = {}): Promise<void> {
  const target = path.resolve(/* turbopackIgnore: true */ file);
  // Same folder so rename() never crosses file systems; `wx` so two writers can never share a temp file.
  const temp = path.join(/* turbopackIgnore: true */ path.dirname(target), `.${path.basename(target)}.${randomBytes(8).toString("hex")}.tmp`);
  try {
    const original = await stat(target).catch(() => null);
    const mode = options.mode ?? (original ? original.mode & 0o7777 : 0o644);
    const handle = await open(temp, "wx", mode);
    try {
      await handle.writeFile(data);
      // The umask narrowed `mode` at creation; the original's bits are put back exactly, and its owner too (which
      // only root may give away: otherwise the file stays ours, with the same bits).
      if (original || options.mode !== undefined) await handle.chmod(mode);
      if (original) await handle.chown(original.uid, original.gid).catch(() => undefined);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.expect !== undefined) {
      const expected = typeof options.expect === "string" ? options.expect : sha256Hex(options.expect);
      if ((await currentHash(target)) !== expected) throw new WriteConflictError(target);
    }
    // link() refuses to replace an existing file, which makes "create once" race-free across processes.
    if (options.exclusive) await link(temp, target);
    else await rename(temp, target);
    await syncDirectory(path.dirname(target));
    await sweepStaleTemps(target);
  } catch (error) {
    if (error instanceof WriteConflictError) throw error;
    throw describe("write", target, error);
  } finally {
    // After a rename the temp name is gone and this is a no-op; after link() it drops the second name.
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

type LockState = Map<string, Promise<void>>;
// On globalThis so every server bundle that imports this module shares the same locks.
const LOCKS_KEY = Symbol.for("folio.file-locks");
const locks: LockState = ((globalThis as Record<symbol, LockState>)[LOCKS_KEY] ??= new Map());

/**
 * Runs `fn` once every earlier `withFileLock` call for the same absolute path has finished, in this process and in
 * every other (the users CLI, a second server: lib/fs/lock.ts), so read-modify-write cycles on one file never
 * interleave. Not re-entrant: do not lock the same path inside `fn`. Readers need no lock because
 * {@link writeFileAtomic} swaps whole files. A lock that cannot be taken (another process holds it too long, or the
 * folder is read-only) throws with the folder's error code; `fn` does not run.
 */
export async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(/* turbopackIgnore: true */ file);
  const previous = locks.get(key) ?? Promise.resolve();
  let release = (): void => undefined;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  locks.set(key, tail);
  await previous;
  try {
    const unlock = await acquireFileLock(key).catch((error: unknown) => {
      throw describe("lock", key, error);
    });
    try {
      return await fn();
    } finally {
      await unlock();
    }
  } finally {
    release();
    // Forget the path once nobody is queued behind us, so the map does not grow with every file ever locked.
    if (locks.get(key) === tail) locks.delete(key);
  }
}

/**
 * Appends one record to a JSONL log with a single write() followed by fsync, so a crash can lose at most the
 * last record and concurrent appenders never interleave. A torn last line left by an earlier crash is closed
 * with a newline first, so this record still starts on a line of its own.
 */
export async function appendLineDurable(file: string, line: string): Promise<void> {
  if (/[\r\n]/.test(line)) throw new Error(`Could not append to ${file}: a log record must be a single line`);
  const record = Buffer.from(`${line}\n`, "utf8");
  if (record.length > MAX_LINE_BYTES) {
    throw new Error(`Could not append to ${file}: record is ${record.length} bytes, the limit is ${MAX_LINE_BYTES}`);
  }
  let handle;
  try {
    handle = await open(file, "a+", 0o600);
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    if (size > 0) await handle.read(last, 0, 1, size - 1);
    const bytes = size > 0 && last[0] !== 0x0a ? Buffer.concat([Buffer.from("\n"), record]) : record;
    const { bytesWritten } = await handle.write(bytes);
    if (bytesWritten !== bytes.length) throw Object.assign(new Error("short write"), { code: "ENOSPC" });
    await handle.sync();
  } catch (error) {
    throw describe("append to", file, error);
  } finally {
    await handle?.close();
  }
}

/**
 * Reads a JSONL log written by {@link appendLineDurable}: one parsed value per complete line, `[]` when the file
 * does not exist. A trailing line without its newline is an append cut short by a crash and is skipped, as is any
 * line that is not valid JSON (a torn record that a later append closed); `onSkip` hears about the latter.
 */
export async function readJsonLines(file: string, onSkip?: (lineNumber: number, text: string) => void): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeError).code === "ENOENT") return [];
    throw describe("read", file, error);
  }
  const lines = text.split("\n");
  lines.pop(); // Either "" after the final newline or an unterminated, possibly partial, record.
  const values: unknown[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      values.push(JSON.parse(line));
    } catch {
      onSkip?.(index + 1, line);
    }
  });
  return values;
}
