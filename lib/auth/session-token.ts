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

type SecretCache = Map<string, Promise<string>>;
// On globalThis so every server bundle reuses one read of the development secret.
const CACHE_KEY = Symbol.for("folio.dev-session-secret");
const devSecrets: SecretCache = ((globalThis as Record<symbol, SecretCache>)[CACHE_KEY] ??= new Map());

async function readSecretFile(file: string): Promise<string | null> {
  try {
    const secret = (await readFile(file, "utf8")).trim();
    if (secret.length < MIN_SECRET_LENGTH) throw new Error(`${file} holds too short a secret; delete it to generate a new one`);
    return secret;
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return null;
    throw error;
  }
}

async function readOrCreateDevSecret(file: string): Promise<string> {
  const existing = await readSecretFile(file);
  if (existing) return existing;
  await ensureDataDir();
  const secret = randomBytes(32).toString("base64url");
  try {
    // Exclusive create: when two processes race, one wins and the other adopts the winner's secret.
    await writeFileAtomic(file, `${secret}\n`, { mode: 0o600, exclusive: true });
    return secret;
  } catch (error) {
    if ((error as { code?: string }).code !== "EEXIST") throw error;
    return (await readSecretFile(file)) ?? secret;
  }
}

/**
 * The secret that signs session cookies: SESSION_SECRET when set (at least 32 characters, else an error naming it).
 * Required when NODE_ENV=production; in development a random one is generated once into DATA_DIR/session-secret
 * (mode 0600) and reused, so restarts do not sign everybody out.
 */
export async function getSessionSecret(): Promise<string> {
  // A secret shorter than MIN_SECRET_LENGTH throws here, naming SESSION_SECRET (lib/config/env.ts).
  const fromEnv = readEnv("SESSION_SECRET");
  if (fromEnv) return fromEnv;
  if (readEnv("NODE_ENV") === "production") {
    throw new Error(`SESSION_SECRET is required when NODE_ENV=production: set it to at least ${MIN_SECRET_LENGTH} random characters (try: openssl rand -base64 32)`);
  }
  const file = sessionSecretFile();
  let pending = devSecrets.get(file);
  if (!pending) {
    pending = readOrCreateDevSecret(file);
    devSecrets.set(file, pending);
    // A failure should not be cached: the next request tries again after the operator fixes the cause.
    pending.catch(() => devSecrets.delete(file));
  }
  return pending;
}
