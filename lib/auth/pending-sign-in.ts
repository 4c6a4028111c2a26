import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

// Between a right password and a right second-factor code, the browser holds a short-lived token saying whose
// password was just checked. It is signed (so it cannot be forged), expires after 5 minutes, and is bound to the
// password hash of the moment (so a password reset kills it). It opens nothing but the code form.

/** How long after the password the code may be entered. */
export const PENDING_SIGN_IN_MS = 5 * 60 * 1000;

const payloadSchema = z.object({ e: z.email(), x: z.number().int(), p: z.string(), n: z.string() });

function mac(payload: string, secret: string): string {
  // Its own prefix, so this signature can never pass as a session cookie's or the other way round.
  return createHmac("sha256", secret).update(`folio-pending-sign-in:${payload}`).digest("base64url");
}

/** A short fingerprint of the password hash; never the hash itself, which stays on the server. */
export function passwordFingerprint(passwordHash: string): string {
  return createHash("sha256").update(passwordHash).digest("base64url").slice(0, 22);
}

/** A token for `email`, whose password (with hash `passwordHash`) was just verified. */
export function makePendingSignIn(email: string, passwordHash: string, secret: string, now = Date.now()): string {
  const payload = Buffer.from(
    JSON.stringify({ e: email, x: now + PENDING_SIGN_IN_MS, p: passwordFingerprint(passwordHash), n: randomBytes(9).toString("base64url") }),
  ).toString("base64url");
  return `${payload}.${mac(payload, secret)}`;
}

/** Whose sign-in a token continues, and the fingerprint of the password it was made for; null when bad or late. */
export function readPendingSignIn(token: string, secret: string, now = Date.now()): { email: string; fingerprint: string } | null {
  if (token.length > 1000) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(payload, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed;
  try {
    parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return null;
  }
  if (!parsed.success || parsed.data.x <= now) return null;
  return { email: parsed.data.e, fingerprint: parsed.data.p };
}
