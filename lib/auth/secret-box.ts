import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getSessionSecret } from "./session-token";

// Secrets at rest (TOTP keys) are sealed with AES-256-GCM under a key derived from the session secret. With
// SESSION_SECRET set in the environment, a copy of DATA_DIR alone does not give away anyone's second factor (with the
// secret generated into DATA_DIR/session-secret it does, as it would give away the sessions too). Changing the secret
// makes them unreadable: those users set two-factor sign-in up again (`npm run users -- reset-2fa EMAIL`).

const VERSION = "v1";
const IV_BYTES = 12;

function keyFor(secret: string, purpose: string): Buffer {
  // HKDF's info binds the key to one use, so the same secret never encrypts two kinds of data under one key.
  return Buffer.from(hkdfSync("sha256", secret, "folio-secret-box", `folio:${purpose}`, 32));
}

/** Encrypts `plaintext` for `purpose`: `v1.iv.tag.ciphertext`, base64url parts. */
export async function seal(plaintext: string, purpose: string, secret?: string): Promise<string> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secret ?? (await getSessionSecret()), purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** Decrypts what {@link seal} made for the same `purpose`; null when it was sealed under another secret or altered. */
export async function unseal(sealed: string, purpose: string, secret?: string): Promise<string | null> {
  const [version, iv, tag, body, ...rest] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined || rest.length > 0) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(secret ?? (await getSessionSecret()), purpose), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
