import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { formOf, signInRequest, signOutRequest } from "@/tests/action-request";
import { FAST_SCRYPT, seedUsers, useTempDataDir } from "@/tests/auth-helpers";

// Every server action of the team pages checks the session (and, on /admin/users, the admin role) itself: called
// with no session, or with the wrong role, each answers with the reason and leaves DATA_DIR as it was.

vi.mock("next/headers", async () => (await import("@/tests/action-request")).nextHeadersStub());
vi.mock("next/cache", async () => (await import("@/tests/action-request")).nextCacheStub());
vi.mock("@/lib/auth/passwords", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/passwords")>();
  return { ...real, hashPassword: (password: string) => real.hashPassword(password, FAST_SCRYPT) };
});

const users = await import("./users/actions");
const account = await import("./account/actions");

const dataDir = useTempDataDir();
const PASSWORD = "a good long password";

beforeEach(async () => {
  signOutRequest();
  await seedUsers(dataDir(), [
    { email: "ad@example.com", role: "admin" },
    { email: "ed@example.com", role: "editor" },
    { email: "mo@example.com", role: "marketer" },
  ], PASSWORD);
});

/**
 * Every file in DATA_DIR (whatever files the stores and the audit log use) with its bytes, except sessions.json and
 * its lock, which the test's own sign-in writes.
 */
async function snapshot(): Promise<Record<string, string>> {
  const names = (await readdir(dataDir(), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && !/^\.?sessions\.json/.test(entry.name))
    .map((entry) => path.relative(dataDir(), path.join(entry.parentPath, entry.name)))
    .sort();
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(path.join(dataDir(), name), "utf8")] as const)));
}

const target = { email: "ed@example.com" };
const ADMIN_ACTIONS = {
  invite: () => users.inviteAction(null, formOf({ email: "new@example.com", role: "editor" })),
  cancelInvite: () => users.cancelInviteAction(null, formOf(target)),
  changeRole: () => users.changeRoleAction(null, formOf({ ...target, role: "admin" })),
  remove: () => users.removeAction(null, formOf(target)),
  resetPassword: () => users.resetPasswordAction(null, formOf(target)),
  resetTwoFactor: () => users.resetTwoFactorAction(null, formOf(target)),
  policy: () => users.policyAction(null, formOf({ roles: ["editor"] })),
};
const OWN_ACTIONS = {
  changePassword: () => account.changePasswordAction(null, formOf({ current: PASSWORD, next: "a new long password", confirm: "a new long password" })),
  endSession: () => account.endSessionAction(null, formOf({ session: "A".repeat(16) })),
  turnOffTwoFactor: () => account.turnOffTwoFactorAction(null, formOf({ password: PASSWORD })),
  renewRecoveryCodes: () => account.renewRecoveryCodesAction(null, formOf({ password: PASSWORD })),
  finishTwoFactorSetup: () => account.finishTwoFactorSetupAction(null, formOf({ code: "123456" })),
};

describe("team server actions", () => {
  it.each(Object.entries({ ...ADMIN_ACTIONS, ...OWN_ACTIONS }))("%s refuses a request without a session", async (_, run) => {
    const before = await snapshot();
    expect(await run()).toEqual({ ok: false, error: "Your session has ended. Sign in again." });
    expect(await snapshot()).toEqual(before);
  });

  it.each(Object.entries(ADMIN_ACTIONS))("%s refuses an editor and a marketer", async (_, run) => {
    for (const email of ["ed@example.com", "mo@example.com"]) {
      await signInRequest(email);
      const before = await snapshot();
      expect(await run()).toEqual({ ok: false, error: expect.stringMatching(/^Your role \((editor|marketer)\) may not do this\.$/) });
      expect(await snapshot()).toEqual(before);
    }
  });

  it("the same admin actions do work for an admin (so the refusals above are the checks)", async () => {
    await signInRequest("ad@example.com");
    expect(await ADMIN_ACTIONS.invite()).toMatchObject({ ok: true, link: expect.stringMatching(/\/admin\/invite\//) });
    expect(await ADMIN_ACTIONS.changeRole()).toMatchObject({ ok: true });
    expect(await ADMIN_ACTIONS.policy()).toMatchObject({ ok: true });
  });

  it("starting two-factor set-up without a session goes to sign-in and stores nothing", async () => {
    const before = await snapshot();
    await expect(account.startTwoFactorSetupAction()).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await snapshot()).toEqual(before);
  });

  it("a user whose role requires two-factor and has none can do nothing but set it up", async () => {
    await signInRequest("ad@example.com");
    expect(await ADMIN_ACTIONS.policy()).toMatchObject({ ok: true }); // editors must use two-factor
    await signInRequest("ed@example.com");
    const before = await snapshot();
    for (const run of Object.values(OWN_ACTIONS).filter((r) => r !== OWN_ACTIONS.finishTwoFactorSetup)) {
      expect(await run()).toEqual({ ok: false, error: expect.stringContaining("requires two-factor sign-in") });
    }
    expect(await snapshot()).toEqual(before);
    // The set-up itself is open to them (it fails here only because no set-up was started).
    expect(await OWN_ACTIONS.finishTwoFactorSetup()).toEqual({ ok: false, error: "The set-up has expired. Start again." });
  });
});
