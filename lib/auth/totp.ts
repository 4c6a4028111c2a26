import "server-only";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

// RFC 6238 time-based codes through otpauth: 6 digits, 30-second steps, SHA-1 (what every authenticator app
// supports). The clock is a parameter everywhere, so tests never wait for time to pass.

const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** How many steps either side of now a code may come from: phone clocks drift, and people type slowly. */
const WINDOW = 1;

function totpFor(secretBase32: string, label = "Folio"): TOTP {
  return new TOTP({ issuer: "Folio", label, algorithm: "SHA1", digits: DIGITS, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** A fresh 160-bit TOTP key (RFC 4226's recommended length), in base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://totp/...` URI an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, email: string): string {
  return totpFor(secretBase32, email).toString();
}

/** The code for `secretBase32` at `now` (the tests' stand-in for a phone). */
export function totpCode(secretBase32: string, now = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp: now });
}

/** Whether `code` looks like a TOTP code at all (six digits, spaces allowed), before any work is done on it. */
export function isTotpShaped(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s+/g, ""));
}

/**
 * The time step `code` belongs to when it is valid for `secretBase32` at `now` (within one step either side),
 * and later than `lastStep`: a code that was accepted once is never accepted again. Null otherwise.
 */
export function matchTotp(secretBase32: string, code: string, now = Date.now(), lastStep = -1): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpFor(secretBase32);
  const delta = totp.validate({ token, timestamp: now, window: WINDOW });
  if (delta === null) return null;
  const step = totp.counter({ timestamp: now }) + delta;
  return step > lastStep ? step : null;
}

/**
 * The QR code of an `otpauth://` URI as an SVG data URL, drawn on the server (no network, no script), for an
 * `<img>`: the key never leaves this page for a QR service.
 */
export async function totpQrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
