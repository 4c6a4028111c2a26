import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import { readEnv } from "@/lib/config/env";
import { writeFileAtomic } from "@/lib/fs/atomic";
import { ensureDataDir, sessionSecretFile } from "./config";

// Session ids, their cookie signature and the signing secret.

/** Shortest SESSION_SECRET accepted. */
export const MIN_SECRET_LENGTH = 32;

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/; // 32 random bytes in unpadded base64url

/** A fresh session id: 32 bytes from the CSPRNG, base64url. */
export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

/** Whether `id` looks like something {@link newSessionId} made; anything else is rejected before a lookup. */
export function isSessionId(id: string): boolean {
  return SESSION_ID.test(id);
}

/** The form a session id is stored in: SHA-256, so a leaked sessions file cannot be replayed as cookies. */
export function hashSessionId(id: string): string {
  return createHash("sha256").update(id).digest("base64url");
}

function mac(id: string, secret: string): string {
  // A fixed prefix keeps this signature from being valid for any other use of the same secret.
  return createHmac("sha256", secret).update(`folio-session:${id}`).digest("base64url");
}

/** The cookie value for a session: `id.hmac` with HMAC-SHA256 (base64url). */
export function signSessionId(id: string, secret: string): string {
  return `${id}.${mac(id, secret)}`;
}

/** The session id inside a cookie value from {@link signSessionId}, or null when malformed or not signed by `secret`. */
export function verifySignedSessionId(value: string, secret: string): string | null {
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const id = value.slice(0, dot);
  if (!isSessionId(id)) return null;
  const given = Buffer.from(value.slice(dot + 1), "utf8");
  const expected = Buffer.from(mac(id, secret), "utf8");
  // timingSafeEqual throws on unequal lengths, and the length of a valid MAC is public anyway.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return id;
}

/**
 * Why sessions cannot be signed, in two voices: `message` for the server log (paths, causes) and `reason` for the
 * sign-in page, which anyone may read (no paths, nothing secret).
 */
export class SessionSecretError extends Error {
  constructor(
    message: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "SessionSecretError";
  }
}

/** Where the session secret came from: SESSION_SECRET, or the file in DATA_DIR (and whether this process made it). */
export type SessionSecret = { secret: string; source: "env" } | { secret: string; source: "file"; file: string; created: boolean };

type SecretCache = Map<string, Promise<SessionSecret>>;
// On globalThis: Next.js bundles pages and route handlers separately, each with its own copy of this module, and
// they must all sign with one secret read once.
const CACHE_KEY = Symbol.for("folio.session-secret");
const fileSecrets: SecretCache = ((globalThis as Record<symbol, SecretCache>)[CACHE_KEY] ??= new Map());

const UNWRITABLE = new Set(["EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "ENOTDIR"]);

async function readSecretFile(file: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: DATA_DIR lies below a file; creating the secret then fails and says why.
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw new SessionSecretError(`Could not read ${file}: ${(error as Error).message}`, "the server cannot read its session secret (in DATA_DIR)", { cause: error });
  }
  const secret = text.trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new SessionSecretError(`${file} holds a secret shorter than ${MIN_SECRET_LENGTH} characters; delete it and restart to generate a new one`, "the session secret in DATA_DIR is too short");
  }
  return secret;
}

async function readOrCreateSecretFile(file: string): Promise<SessionSecret> {
  const existing = await readSecretFile(file);
  if (existing) return { secret: existing, source: "file", file, created: false };
  const secret = randomBytes(32).toString("base64url");
  try {
    await ensureDataDir();
    // Exclusive create (link, never rename over): when two processes start at once, one writes the file and the
    // other adopts what it wrote, so both sign with the same secret.
    await writeFileAtomic(file, `${secret}\n`, { mode: 0o600, exclusive: true });
    return { secret, source: "file", file, created: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      const winner = await readSecretFile(file);
      if (winner) return { secret: winner, source: "file", file, created: false };
    }
    const reason = code && UNWRITABLE.has(code) ? "SESSION_SECRET is not set, and the server cannot write one into its data folder (DATA_DIR)" : "the server could not create a session secret";
    throw new SessionSecretError(`SESSION_SECRET is not set and ${file} could not be created: ${(error as Error).message}`, reason, { cause: error });
  }
}

/**
 * The secret that signs session cookies, and where it came from. SESSION_SECRET wins when set (at least 32
 * characters, else a SessionSecretError naming it); otherwise a random one is generated once into
 * DATA_DIR/session-secret (mode 0600) and reused, so `npm start` on one machine needs no setup and restarts sign
 * nobody out. Instances that must accept each other's sessions set the same SESSION_SECRET instead.
 */
export async function loadSessionSecret(): Promise<SessionSecret> {
  let fromEnv: string | undefined;
  try {
    fromEnv = readEnv("SESSION_SECRET");
  } catch (error) {
    throw new SessionSecretError((error as Error).message, `SESSION_SECRET is set but shorter than ${MIN_SECRET_LENGTH} characters`, { cause: error });
  }
  if (fromEnv) return { secret: fromEnv, source: "env" };
  const file = sessionSecretFile();
  let pending = fileSecrets.get(file);
  if (!pending) {
    pending = readOrCreateSecretFile(file);
    fileSecrets.set(file, pending);
    // A failure is not remembered: the next request tries again once the operator has fixed the cause.
    pending.catch(() => fileSecrets.delete(file));
  }
  return pending;
}

/** The secret alone; see {@link loadSessionSecret}. */
export async function getSessionSecret(): Promise<string> {
  return (await loadSessionSecret()).secret;
}
