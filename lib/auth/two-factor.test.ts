import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it, vi } from "vitest";
import { useTempDataDir } from "@/tests/auth-helpers";
import { seal, unseal } from "./secret-box";
import {
  confirmEnrollment,
  ENROLLMENT_TTL_MS,
  mustSetUpTwoFactor,
  pendingEnrollment,
  removeTwoFactor,
  replaceRecoveryCodes,
  setRolesRequiringTwoFactor,
  startEnrollment,
  twoFactorStatus,
  verifySecondFactor,
} from "./two-factor";

const dataDir = useTempDataDir();
const T0 = Date.parse("2026-03-01T09:00:00Z");
const STEP = 30_000;
const ED = "ed@example.com";

/** A phone's authenticator, independent of lib/auth/totp.ts: otpauth configured from the URI the user scanned. */
function phone(uri: string) {
  const params = new URL(uri).searchParams;
  expect(params.get("algorithm")).toBe("SHA1");
  expect(params.get("digits")).toBe("6");
  expect(params.get("period")).toBe("30");
  const totp = new TOTP({ secret: Secret.fromBase32(params.get("secret")!), algorithm: "SHA1", digits: 6, period: 30 });
  return (at: number) => totp.generate({ timestamp: at });
}

async function enroll(at = T0) {
  const { uri } = await startEnrollment(ED, at);
  const code = phone(uri);
  const result = await confirmEnrollment(ED, code(at), at);
  if (!result.ok) throw new Error(result.error);
  return { code, recoveryCodes: result.recoveryCodes };
}

describe("enrolment", () => {
  it("keeps the key sealed in a private file and turns on only after a code from it", async () => {
    const { secret, uri } = await startEnrollment(ED, T0);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Folio:ed%40example\.com\?/);
    expect(new URL(uri).searchParams.get("secret")).toBe(secret);
    expect(Buffer.from(secret, "ascii").length).toBe(32); // 160 bits in base32
    const file = path.join(dataDir(), "two-factor.json");
    expect(await readFile(file, "utf8")).not.toContain(secret);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await twoFactorStatus(ED)).toMatchObject({ enabled: false });

    expect(await confirmEnrollment(ED, "000000", T0)).toEqual({ ok: false, error: "wrong-code" });
    expect(await twoFactorStatus(ED)).toMatchObject({ enabled: false });
    const done = await confirmEnrollment(ED, phone(uri)(T0 + 10_000), T0 + 10_000);
    expect(done.ok && done.recoveryCodes).toHaveLength(10);
    expect(await twoFactorStatus(ED)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect(await pendingEnrollment(ED, T0)).toBeNull();
    const stored = await readFile(file, "utf8");
    for (const code of done.ok ? done.recoveryCodes : []) expect(stored).not.toContain(code);
  });

  it("forgets a set-up that was not confirmed within 30 minutes", async () => {
    const { uri } = await startEnrollment(ED, T0);
    const late = T0 + ENROLLMENT_TTL_MS + 1;
    expect(await pendingEnrollment(ED, late)).toBeNull();
    expect(await confirmEnrollment(ED, phone(uri)(late), late)).toEqual({ ok: false, error: "no-setup" });
  });
});

describe("verifySecondFactor", () => {
  it("accepts a current code once, and the codes of the steps either side, never an older one", async () => {
    const { code } = await enroll(T0);
    // The enrolment code's own step is used up already.
    expect(await verifySecondFactor(ED, code(T0), T0 + 1000)).toEqual({ ok: false });
    const t = T0 + 5 * STEP;
    expect(await verifySecondFactor(ED, code(t - 3 * STEP), t)).toEqual({ ok: false }); // too old
    expect(await verifySecondFactor(ED, code(t + STEP), t)).toMatchObject({ ok: true, method: "code" }); // clock ahead
    // Replay protection: the step just accepted and any earlier one are refused, even while still in the window.
    expect(await verifySecondFactor(ED, code(t + STEP), t)).toEqual({ ok: false });
    expect(await verifySecondFactor(ED, code(t), t)).toEqual({ ok: false });
    expect(await verifySecondFactor(ED, code(t + 2 * STEP), t + 2 * STEP)).toMatchObject({ ok: true });
  });

  it("lets only one of two concurrent sign-ins with the same code through", async () => {
    const { code } = await enroll(T0);
    const t = T0 + 10 * STEP;
    const outcomes = await Promise.all([verifySecondFactor(ED, code(t), t), verifySecondFactor(ED, code(t), t)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
  });

  it("takes each recovery code once, however it is typed", async () => {
    const { recoveryCodes } = await enroll(T0);
    const [first, second] = recoveryCodes as [string, string];
    expect(first).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await verifySecondFactor(ED, first.toLowerCase().replaceAll("-", " "), T0)).toEqual({ ok: true, method: "recovery-code", recoveryCodesLeft: 9 });
    expect(await verifySecondFactor(ED, first, T0)).toEqual({ ok: false });
    expect(await verifySecondFactor(ED, "AAAA-AAAA-AAAA-AAAA", T0)).toEqual({ ok: false });
    const fresh = await replaceRecoveryCodes(ED);
    expect(await verifySecondFactor(ED, second, T0)).toEqual({ ok: false });
    expect(await verifySecondFactor(ED, fresh![0]!, T0)).toMatchObject({ ok: true, recoveryCodesLeft: 9 });
  });

  it("says no for an account without two-factor, for junk, and once it is removed", async () => {
    expect(await verifySecondFactor(ED, "123456", T0)).toEqual({ ok: false });
    const { code } = await enroll(T0);
    expect(await verifySecondFactor(ED, "x".repeat(10_000), T0)).toEqual({ ok: false });
    expect(await removeTwoFactor(ED)).toBe(true);
    expect(await verifySecondFactor(ED, code(T0 + STEP), T0 + STEP)).toEqual({ ok: false });
    expect(await removeTwoFactor(ED)).toBe(false);
  });

  it("cannot read keys sealed under another SESSION_SECRET", async () => {
    const { code } = await enroll(T0);
    vi.stubEnv("SESSION_SECRET", "a-different-secret-a-different-secret-0123");
    expect(await verifySecondFactor(ED, code(T0 + STEP), T0 + STEP)).toEqual({ ok: false });
  });
});

describe("policy", () => {
  it("sends a user of a required role without two-factor to set it up, and nobody else", async () => {
    expect(await mustSetUpTwoFactor(ED, "editor")).toBe(false);
    expect(await setRolesRequiringTwoFactor(["admin", "editor"])).toEqual([]);
    expect(await mustSetUpTwoFactor(ED, "editor")).toBe(true);
    expect(await mustSetUpTwoFactor(ED, "marketer")).toBe(false);
    await enroll(T0);
    expect(await mustSetUpTwoFactor(ED, "editor")).toBe(false);
  });
});

describe("secret box", () => {
  it("round-trips, and refuses another purpose, another secret and any altered byte", async () => {
    const key = "k".repeat(32);
    const sealed = await seal("JBSWY3DPEHPK3PXP", "totp-secret", key);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(await unseal(sealed, "totp-secret", key)).toBe("JBSWY3DPEHPK3PXP");
    expect(await unseal(sealed, "other", key)).toBeNull();
    expect(await unseal(sealed, "totp-secret", "j".repeat(32))).toBeNull();
    const parts = sealed.split(".");
    // Flip a bit of a decoded byte (a changed last base64 character may only touch padding bits, the same bytes).
    const ciphertext = Buffer.from(parts[3]!, "base64url");
    ciphertext[0]! ^= 1;
    parts[3] = ciphertext.toString("base64url");
    expect(await unseal(parts.join("."), "totp-secret", key)).toBeNull();
    expect(await unseal("junk", "totp-secret", key)).toBeNull();
  });
});
