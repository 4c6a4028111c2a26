import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/** scrypt cost parameters as stored in each hash. */
export type ScryptParams = { N: number; r: number; p: number };

/** OWASP's recommended scrypt parameters (Password Storage Cheat Sheet): N=2^17, r=8, p=1. */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = { N: 2 ** 17, r: 8, p: 1 };

const KEY_BYTES = 64;
const SALT_BYTES = 16;
// scrypt needs 128 * N * r * p bytes; Node's default ceiling (32 MiB) is below what N=2^17 asks for.
const MIN_MAXMEM = 256 * 1024 * 1024;
const B64 = "[A-Za-z0-9+/]+={0,2}";
const ENCODED = new RegExp(`^scrypt\\$(\\d+)\\$(\\d+)\\$(\\d+)\\$(${B64})\\$(${B64})$`);

type Decoded = { params: ScryptParams; salt: Buffer; hash: Buffer };

function scryptAsync(password: string, salt: Buffer, params: ScryptParams, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: Math.max(MIN_MAXMEM, 2 * 128 * params.N * params.r * params.p),
  };
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

// Unicode normalization so the same password typed on two keyboards ("é" precomposed or not) verifies.
function normalize(password: string): string {
  return password.normalize("NFC");
}

/** Bounds keep a tampered users file from asking for gigabytes of memory on the next sign-in. */
function isSaneParams({ N, r, p }: ScryptParams): boolean {
  const powerOfTwo = Number.isInteger(Math.log2(N));
  return powerOfTwo && N >= 2 ** 10 && N <= 2 ** 20 && r >= 1 && r <= 32 && p >= 1 && p <= 16;
}

function decode(encoded: string): Decoded | null {
  const match = ENCODED.exec(encoded);
  if (!match) return null;
  const [, n, r, p, salt, hash] = match as unknown as [string, string, string, string, string, string];
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const decoded = { params, salt: Buffer.from(salt, "base64"), hash: Buffer.from(hash, "base64") };
  if (!isSaneParams(params) || decoded.salt.length < 8 || decoded.hash.length < 16) return null;
  return decoded;
}

/** Whether `encoded` is a password hash this module can verify (used to validate the users file on read). */
export function isPasswordHash(encoded: string): boolean {
  return decode(encoded) !== null;
}

/**
 * Hashes a password with scrypt and a fresh 16-byte salt, encoded as `scrypt$N$r$p$saltB64$hashB64` so the
 * parameters travel with the hash and can be raised later without invalidating old ones. Takes ~0.3-0.5 s.
 */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scryptAsync(normalize(password), salt, params, KEY_BYTES);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

/**
 * Checks `password` against a hash from {@link hashPassword}, in time that does not depend on where the bytes
 * differ. Throws when `encoded` is not a hash at all, because that is a broken users file, not a wrong password.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const decoded = decode(encoded);
  if (!decoded) throw new Error("Stored password hash is malformed (expected scrypt$N$r$p$salt$hash)");
  const actual = await scryptAsync(normalize(password), decoded.salt, decoded.params, decoded.hash.length);
  return timingSafeEqual(actual, decoded.hash);
}

/**
 * Spends the same time as {@link verifyPassword} at the current parameters and always says no. Call it for an
 * unknown email so response times do not reveal which accounts exist.
 */
export async function dummyVerify(password = ""): Promise<false> {
  await scryptAsync(normalize(password), randomBytes(SALT_BYTES), DEFAULT_SCRYPT_PARAMS, KEY_BYTES);
  return false;
}
