import "server-only";
import { createHash, randomInt } from "node:crypto";

// Recovery codes: 10 per account, each 16 base32 characters (80 random bits) shown once as XXXX-XXXX-XXXX-XXXX.
// With that much entropy a plain SHA-256 is enough to store them: nobody can search 2^80 candidates.

/** How many recovery codes an account gets. */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"; // RFC 4648 base32: no 0/1/8/9 to mistake for O/I/B/g
const LENGTH = 16;

/** Upper-cases and drops spaces and dashes, so a code typed in any reasonable way matches. */
export function normalizeRecoveryCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]+/g, "");
}

/** Whether `raw` could be a recovery code. */
export function isRecoveryCodeShaped(raw: string): boolean {
  return new RegExp(`^[${ALPHABET}]{${LENGTH}}$`).test(normalizeRecoveryCode(raw));
}

/** The stored form of a code. */
export function hashRecoveryCode(raw: string): string {
  return createHash("sha256").update(`folio-recovery:${normalizeRecoveryCode(raw)}`).digest("base64url");
}

/** Fresh codes, formatted for people. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}
