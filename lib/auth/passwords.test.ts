import { describe, expect, it } from "vitest";
import { DEFAULT_SCRYPT_PARAMS, dummyVerify, hashPassword, isPasswordHash, verifyPassword } from "./passwords";

// Cheap parameters for most cases: verification reads N, r, p from the hash, so the logic is the same.
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe("passwords", () => {
  it("hashes at OWASP's parameters by default and verifies the right password only", async () => {
    const encoded = await hashPassword("correct horse battery");
    const [scheme, n, r, p, salt, hash] = encoded.split("$");
    expect([scheme, n, r, p]).toEqual(["scrypt", "131072", "8", "1"]);
    expect(Buffer.from(salt!, "base64")).toHaveLength(16);
    expect(Buffer.from(hash!, "base64")).toHaveLength(64);
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ N: 131072, r: 8, p: 1 });
    expect(await verifyPassword("correct horse battery", encoded)).toBe(true);
    expect(await verifyPassword("correct horse batterY", encoded)).toBe(false);
  });

  it("salts every hash and honours the parameters stored in it", async () => {
    const a = await hashPassword("same password!", FAST);
    const b = await hashPassword("same password!", FAST);
    expect(a).not.toBe(b);
    expect(a.startsWith("scrypt$1024$8$1$")).toBe(true);
    expect(await verifyPassword("same password!", a)).toBe(true);
    expect(await verifyPassword("same password!", b)).toBe(true);
    expect(await verifyPassword("same password?", a)).toBe(false);
    // Flip one bit of the stored hash: the right password must no longer verify.
    const parts = a.split("$");
    const hash = Buffer.from(parts[5]!, "base64");
    hash[0]! ^= 1;
    parts[5] = hash.toString("base64");
    expect(await verifyPassword("same password!", parts.join("$"))).toBe(false);
  });

  it("treats composed and decomposed accents as the same password", async () => {
    const encoded = await hashPassword("caf\u00e9 au lait!!", FAST);
    expect(await verifyPassword("cafe\u0301 au lait!!", encoded)).toBe(true);
  });

  it("rejects malformed or dangerous stored hashes", async () => {
    expect(isPasswordHash("plaintext")).toBe(false);
    expect(isPasswordHash("scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A".repeat(88))).toBe(false); // N not a power of 2
    expect(isPasswordHash("scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A".repeat(88))).toBe(false); // 2^30: memory bomb
    expect(isPasswordHash(await hashPassword("x", FAST))).toBe(true);
    await expect(verifyPassword("x", "plaintext")).rejects.toThrow(/malformed/);
  });

  it("dummyVerify always fails", async () => {
    expect(await dummyVerify("anything")).toBe(false);
  });
});
