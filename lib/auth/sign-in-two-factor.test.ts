import { describe, expect, it } from "vitest";
import { seedUsers, useTempDataDir } from "@/tests/auth-helpers";
import { makePendingSignIn, PENDING_SIGN_IN_MS, readPendingSignIn } from "./pending-sign-in";
import { getSessionSecret } from "./session-token";
import { getSession } from "./sessions";
import { signIn, signInSecondFactor } from "./sign-in";
import { createMemoryThrottle } from "./throttle";
import { totpCode } from "./totp";
import { confirmEnrollment, startEnrollment } from "./two-factor";
import { findUser, setPassword } from "./users";

const dataDir = useTempDataDir();
const PASSWORD = "a good long password";
const ED = "ed@example.com";

async function withTwoFactor() {
  await seedUsers(dataDir(), [{ email: ED, role: "editor" }], PASSWORD);
  const { secret } = await startEnrollment(ED);
  const done = await confirmEnrollment(ED, totpCode(secret));
  if (!done.ok) throw new Error(done.error);
  return { secret, recoveryCodes: done.recoveryCodes };
}

async function passwordStep(throttle = createMemoryThrottle()): Promise<string> {
  const first = await signIn(ED, PASSWORD, "ip:a", throttle);
  if (first.ok || first.error !== "second-factor") throw new Error(`expected the code step, got ${JSON.stringify(first)}`);
  return first.pending;
}

describe("two-factor sign-in", () => {
  it("asks for a code after the right password, starts the session only with a right code, and notes the sign-in", async () => {
    const { secret } = await withTwoFactor();
    const throttle = createMemoryThrottle();
    const pending = await passwordStep(throttle);
    expect(await findUser(ED)).not.toHaveProperty("lastSignInAt");
    expect(await signInSecondFactor(pending, "000000", "ip:a", throttle)).toEqual({ ok: false, error: "invalid-code" });
    // The next step's code: the current one was used up by the set-up.
    const later = Date.now() + 30_000;
    const ok = await signInSecondFactor(pending, totpCode(secret, later), "ip:a", throttle, later);
    expect(ok).toMatchObject({ ok: true, email: ED, role: "editor", usedRecoveryCode: null });
    if (!ok.ok) throw new Error("expected success");
    expect(await getSession(ok.sessionId)).toEqual({ email: ED, role: "editor" });
    expect((await findUser(ED))?.lastSignInAt).toBeDefined();
  });

  it("takes a recovery code once and says how many are left", async () => {
    const { recoveryCodes } = await withTwoFactor();
    const pending = await passwordStep();
    expect(await signInSecondFactor(pending, recoveryCodes[3]!, "ip:a")).toMatchObject({ ok: true, usedRecoveryCode: { left: 9 } });
    expect(await signInSecondFactor(await passwordStep(), recoveryCodes[3]!, "ip:a")).toEqual({ ok: false, error: "invalid-code" });
  });

  it("counts wrong codes in the throttle like wrong passwords, and a right password neither counts nor resets the count", async () => {
    const { secret } = await withTwoFactor();
    const throttle = createMemoryThrottle();
    for (let i = 0; i < 9; i++) {
      const pending = await passwordStep(throttle); // the right password: "unchecked" until a code settles it
      expect(await signInSecondFactor(pending, "123456", "ip:a", throttle)).toEqual({ ok: false, error: "invalid-code" });
    }
    // Nine wrong codes, each after the right password; the tenth wrong code locks the account for this client.
    const pending = await passwordStep(throttle);
    expect(await signInSecondFactor(pending, "123456", "ip:a", throttle)).toEqual({ ok: false, error: "invalid-code" });
    const later = Date.now() + 30_000;
    expect(await signInSecondFactor(pending, totpCode(secret, later), "ip:a", throttle, later)).toMatchObject({ ok: false, error: "throttled" });
    expect(await signIn(ED, PASSWORD, "ip:a", throttle)).toMatchObject({ ok: false, error: "throttled" });
  });

  it("does not lock anyone out with right passwords alone", async () => {
    await withTwoFactor();
    const throttle = createMemoryThrottle();
    for (let i = 0; i < 11; i++) await passwordStep(throttle);
  });

  it("refuses a forged, altered, expired token, and one from before a password change", async () => {
    const { secret } = await withTwoFactor();
    const code = () => totpCode(secret, Date.now() + 30_000);
    const now = Date.now() + 30_000;
    const key = await getSessionSecret();
    const forged = makePendingSignIn(ED, (await findUser(ED))!.passwordHash, "another-secret-another-secret-0123456789");
    expect(await signInSecondFactor(forged, code(), "ip:a", undefined, now)).toEqual({ ok: false, error: "expired" });
    const real = await passwordStep();
    const [payload, mac] = real.split(".") as [string, string];
    const tampered = `${Buffer.from(Buffer.from(payload, "base64url").toString().replace(ED, "mo@example.com")).toString("base64url")}.${mac}`;
    expect(await signInSecondFactor(tampered, code(), "ip:a", undefined, now)).toEqual({ ok: false, error: "expired" });
    expect(readPendingSignIn(real, key, Date.now() + PENDING_SIGN_IN_MS + 1)).toBeNull();
    expect(readPendingSignIn(real, key)).toMatchObject({ email: ED });
    await setPassword(ED, "a brand new password");
    expect(await signInSecondFactor(real, code(), "ip:a", undefined, now)).toEqual({ ok: false, error: "invalid-code" });
  });
});
