import "server-only";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { dataDir } from "./config";

const REASONS: Record<string, string> = { EROFS: "is read-only", EACCES: "is not writable", EPERM: "is not writable", ENOSPC: "is on a full disk", EDQUOT: "is over its disk quota" };
const RECENT_MS = 5 * 60_000;

type Failure = { code: string; at: number };
const FAILURE_KEY = Symbol.for("folio.data-dir-failure");
const slot = globalThis as Record<symbol, Failure | undefined>;

/** Remembers that a write to DATA_DIR just failed (sessions and the audit log call it), for {@link dataDirProblem}. */
export function noteDataDirFailure(error: unknown): void {
  const code = (error as { code?: string }).code;
  if (code && code in REASONS) slot[FAILURE_KEY] = { code, at: Date.now() };
}

/** Forgets a failure once a write to DATA_DIR succeeded again. */
export function noteDataDirSuccess(): void {
  slot[FAILURE_KEY] = undefined;
}

/**
 * A sentence for the top of every admin page when DATA_DIR cannot be written (a read-only mount, no permission, a
 * full disk seen by a recent write), or null. Pages keep working for reading; what needs a write says so itself.
 */
export async function dataDirProblem(): Promise<string | null> {
  const dir = dataDir();
  let code: string | undefined;
  try {
    await access(dir, constants.W_OK);
  } catch (error) {
    code = (error as { code?: string }).code;
    if (code === "ENOENT") code = undefined; // not made yet: the first write creates it
  }
  const recent = slot[FAILURE_KEY];
  if (!code && recent && Date.now() - recent.at < RECENT_MS) code = recent.code;
  if (!code) return null;
  const reason = REASONS[code] ?? `cannot be written (${code})`;
  return `Folio cannot save anything right now: DATA_DIR (${dir}) ${reason}. Pages still show; signing in, changes and the audit log fail until it is fixed.`;
}
