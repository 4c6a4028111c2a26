import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { FAST_SCRYPT, seedUsers, useTempDataDir } from "@/tests/auth-helpers";
import { ONE_TIME_LINK_TTL_MS } from "@/lib/auth/one-time-links";
import { verifyPassword } from "@/lib/auth/passwords";
import { createSession, getSession, sessionHandle } from "@/lib/auth/sessions";
import { totpCode } from "@/lib/auth/totp";
import { mustSetUpTwoFactor, pendingEnrollment, twoFactorStatus } from "@/lib/auth/two-factor";
import { findUser, listUsers } from "@/lib/auth/users";
import { beginTwoFactorSetup, changeOwnPassword, endOwnSession, finishTwoFactorSetup, ownSessions, turnOffTwoFactor } from "./account";
import { recentTeamChanges } from "./audit";
import { acceptInvite, completePasswordReset, describeLink } from "./links";
import { cancelInvite, changeRole, getTeam, inviteMember, removeMember, resetMemberPassword, resetMemberTwoFactor, setTwoFactorPolicy } from "./members";

// Full-strength scrypt costs a second a hash on a busy machine; lib/auth/passwords.test.ts pins the real parameters.
vi.mock("@/lib/auth/passwords", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/passwords")>();
  return { ...real, hashPassword: (password: string) => real.hashPassword(password, FAST_SCRYPT) };
});

const dataDir = useTempDataDir();
const ADMIN = "ad@example.com";
const ED = "ed@example.com";
const PASSWORD = "a good long password";
const NEW_PASSWORD = "another long password";
const T0 = Date.now();

beforeEach(async () => {
  await seedUsers(dataDir(), [{ email: ADMIN, role: "admin" }, { email: ED, role: "editor" }], PASSWORD);
});

const tokenOf = (link: string | undefined) => link!.split("/").pop()!;
const usersFile = () => readFile(path.join(dataDir(), "users.json"), "utf8");
const actions = async () => (await recentTeamChanges(50)).map((r) => `${r.actor} ${r.action} ${r.subject}${r.detail ? ` ${r.detail}` : ""}`).reverse();

describe("invitations", () => {
  it("invite → set a password → an account with the invited role, audited; the link then says it was used", async () => {
    const invite = await inviteMember(ADMIN, " New@Example.com ", "marketer", T0);
    expect(invite).toMatchObject({ ok: true, link: expect.stringMatching(/^\/admin\/invite\/[A-Za-z0-9_-]{43}$/) });
    const token = tokenOf(invite.ok ? invite.link : undefined);
    expect(await describeLink("invite", token, T0)).toEqual({ ok: true, email: "new@example.com", role: "marketer" });
    expect((await getTeam(T0)).invites.map((i) => i.email)).toEqual(["new@example.com"]);

    expect(await acceptInvite(token, NEW_PASSWORD, NEW_PASSWORD, T0 + 1000)).toMatchObject({ ok: true });
    const user = await findUser("new@example.com");
    expect(user?.role).toBe("marketer");
    expect(await verifyPassword(NEW_PASSWORD, user!.passwordHash)).toBe(true);
    expect(await acceptInvite(token, NEW_PASSWORD, NEW_PASSWORD, T0 + 2000)).toEqual({ ok: false, error: expect.stringContaining("already been used") });
    expect(await describeLink("invite", token, T0 + 2000)).toEqual({ ok: false, error: expect.stringContaining("already been used") });
    expect(await actions()).toEqual([`${ADMIN} invite new@example.com marketer`, "new@example.com join new@example.com marketer"]);
  });

  it("bad input gets a clear message and changes nothing", async () => {
    const before = await usersFile();
    expect(await inviteMember(ADMIN, "not-an-email", "editor")).toEqual({ ok: false, error: '"not-an-email" is not a valid email address.' });
    expect(await inviteMember(ADMIN, "x@example.com", "owner")).toEqual({ ok: false, error: expect.stringMatching(/"owner" is not a role/) });
    expect(await inviteMember(ADMIN, ED, "editor")).toEqual({ ok: false, error: `${ED} already has an account.` });
    const invite = await inviteMember(ADMIN, "x@example.com", "editor", T0);
    const token = tokenOf(invite.ok ? invite.link : undefined);
    expect(await acceptInvite(token, "short", "short", T0)).toEqual({ ok: false, error: expect.stringMatching(/^Password must be at least 12 characters/) });
    expect(await acceptInvite(token, NEW_PASSWORD, `${NEW_PASSWORD}!`, T0)).toEqual({ ok: false, error: "The two passwords differ." });
    expect(await acceptInvite(token, NEW_PASSWORD, NEW_PASSWORD, T0 + ONE_TIME_LINK_TTL_MS)).toEqual({ ok: false, error: expect.stringContaining("expired") });
    expect(await acceptInvite(`${token.slice(0, -2)}xx`, NEW_PASSWORD, NEW_PASSWORD, T0)).toEqual({ ok: false, error: expect.stringContaining("not valid") });
    expect(await usersFile()).toBe(before);
    // After all that, the link still works: nothing above used it up.
    expect(await acceptInvite(token, NEW_PASSWORD, NEW_PASSWORD, T0)).toMatchObject({ ok: true });
  });

  it("a cancelled invitation's link stops working", async () => {
    const invite = await inviteMember(ADMIN, "x@example.com", "editor", T0);
    expect(await cancelInvite(ADMIN, "x@example.com")).toMatchObject({ ok: true });
    expect(await acceptInvite(tokenOf(invite.ok ? invite.link : undefined), NEW_PASSWORD, NEW_PASSWORD, T0)).toMatchObject({ ok: false });
    expect(await cancelInvite(ADMIN, "x@example.com")).toMatchObject({ ok: false });
  });
});

describe("members", () => {
  it("changes a role (seen by the next session lookup) and never demotes or removes the last admin", async () => {
    const session = await createSession(ED);
    expect(await changeRole(ADMIN, ED, "marketer")).toMatchObject({ ok: true });
    expect(await getSession(session)).toEqual({ email: ED, role: "marketer" });
    expect(await changeRole(ADMIN, ED, "marketer")).toEqual({ ok: false, error: `${ED} is already marketer.` });
    expect(await changeRole(ADMIN, "nobody@example.com", "editor")).toEqual({ ok: false, error: "There is no user nobody@example.com." });
    expect(await changeRole(ADMIN, ADMIN, "editor")).toEqual({ ok: false, error: `${ADMIN} is the only admin: make someone else admin first.` });
    expect(await removeMember(ADMIN, ADMIN)).toMatchObject({ ok: false });
    expect(await actions()).toEqual([`${ADMIN} role ${ED} editor → marketer`]);
  });

  it("removal ends every session and drops links and two-factor", async () => {
    const sessions = [await createSession(ED), await createSession(ED)];
    await beginTwoFactorSetup(ED);
    expect((await getTeam()).members.find((m) => m.email === ED)?.activeSessions).toBe(2);
    expect(await removeMember(ADMIN, ED)).toMatchObject({ ok: true });
    for (const id of sessions) expect(await getSession(id)).toBeNull();
    expect((await listUsers()).map((u) => u.email)).toEqual([ADMIN]);
    expect(await pendingEnrollment(ED)).toBeNull();
    expect(await removeMember(ADMIN, ED)).toEqual({ ok: false, error: `There is no user ${ED}.` });
  });

  it("a reset ends every session at once and kills the old password; the link sets a new one, once", async () => {
    const session = await createSession(ED);
    const reset = await resetMemberPassword(ADMIN, ED, T0);
    expect(reset).toMatchObject({ ok: true, link: expect.stringMatching(/^\/admin\/reset\//) });
    expect(await getSession(session)).toBeNull();
    expect(await verifyPassword(PASSWORD, (await findUser(ED))!.passwordHash)).toBe(false);
    const token = tokenOf(reset.ok ? reset.link : undefined);
    expect(await completePasswordReset(token, "weak", "weak", T0)).toMatchObject({ ok: false });
    expect(await completePasswordReset(token, NEW_PASSWORD, NEW_PASSWORD, T0)).toMatchObject({ ok: true });
    expect(await verifyPassword(NEW_PASSWORD, (await findUser(ED))!.passwordHash)).toBe(true);
    expect(await completePasswordReset(token, "yet another password", "yet another password", T0)).toEqual({ ok: false, error: expect.stringContaining("already been used") });
    expect(await verifyPassword(NEW_PASSWORD, (await findUser(ED))!.passwordHash)).toBe(true);
    expect(await actions()).toEqual([`${ADMIN} reset-link ${ED}`, `${ED} password-reset ${ED}`]);
  });
});

describe("sessions another process writes back", () => {
  // A process that read sessions.json before the change may write its copy back; the user's "sessions valid after"
  // instant (users.json) still refuses every session begun before the change.
  const sessionsJson = () => path.join(dataDir(), "sessions.json");
  const restoreSessions = async (copy: string) => writeFile(sessionsJson(), copy);

  it("stay dead after an admin's reset, one's own password change, and removal followed by a new invitation", async () => {
    const old = await createSession(ED, Date.now() - 60_000);
    const copy = await readFile(sessionsJson(), "utf8");
    await resetMemberPassword(ADMIN, ED, T0);
    await restoreSessions(copy);
    expect(await getSession(old)).toBeNull();

    const mine = await createSession(ADMIN, Date.now() - 60_000);
    const mineCopy = await readFile(sessionsJson(), "utf8");
    const changed = await changeOwnPassword(ADMIN, { current: PASSWORD, next: NEW_PASSWORD, confirm: NEW_PASSWORD }, "ip:t");
    expect(changed).toMatchObject({ ok: true });
    await restoreSessions(mineCopy);
    expect(await getSession(mine)).toBeNull();

    await removeMember(ADMIN, ED);
    const invite = await inviteMember(ADMIN, ED, "editor", Date.now());
    expect(await acceptInvite(tokenOf(invite.ok ? invite.link : undefined), NEW_PASSWORD, NEW_PASSWORD)).toMatchObject({ ok: true });
    await restoreSessions(copy);
    expect(await getSession(old)).toBeNull();
    expect(await getSession(await createSession(ED))).toEqual({ email: ED, role: "editor" });
  });
});

describe("own account", () => {
  it("changes the password with the current one, ending every session and handing back a fresh one", async () => {
    const other = await createSession(ED);
    expect(await changeOwnPassword(ED, { current: "wrong password!", next: NEW_PASSWORD, confirm: NEW_PASSWORD }, "ip:t")).toEqual({ ok: false, error: "Your current password is not right." });
    expect(await changeOwnPassword(ED, { current: PASSWORD, next: "short", confirm: "short" }, "ip:t")).toMatchObject({ ok: false });
    expect(await getSession(other)).not.toBeNull();
    const done = await changeOwnPassword(ED, { current: PASSWORD, next: NEW_PASSWORD, confirm: NEW_PASSWORD }, "ip:t");
    expect(done).toMatchObject({ ok: true });
    expect(await getSession(other)).toBeNull();
    expect(await getSession(done.ok ? done.sessionId : "")).toEqual({ email: ED, role: "editor" });
  });

  it("lists and ends its own sessions, never another user's", async () => {
    const here = await createSession(ED);
    const there = await createSession(ED);
    const admins = await createSession(ADMIN);
    expect((await ownSessions(ED)).map((s) => s.handle).sort()).toEqual([sessionHandle(here), sessionHandle(there)].sort());
    expect(await endOwnSession(ED, sessionHandle(here), sessionHandle(here))).toMatchObject({ ok: false });
    expect(await endOwnSession(ED, sessionHandle(admins), sessionHandle(here))).toEqual({ ok: false, error: "That session has already ended." });
    expect(await getSession(admins)).not.toBeNull();
    expect(await endOwnSession(ED, sessionHandle(there), sessionHandle(here))).toMatchObject({ ok: true });
    expect(await getSession(there)).toBeNull();
    expect(await getSession(here)).not.toBeNull();
  });

  it("sets up two-factor with a code, keeps it on while the role requires it, and an admin can reset it", async () => {
    await beginTwoFactorSetup(ED, T0);
    const { secret } = (await pendingEnrollment(ED, T0))!;
    expect(await finishTwoFactorSetup(ED, "000000", T0)).toMatchObject({ ok: false, error: expect.stringContaining("not right") });
    expect(await finishTwoFactorSetup(ED, totpCode(secret, T0), T0)).toMatchObject({ ok: true, recoveryCodes: expect.any(Array) });
    expect(await setTwoFactorPolicy(ADMIN, ["editor", "bogus"])).toMatchObject({ ok: false });
    expect(await setTwoFactorPolicy(ADMIN, ["editor"])).toMatchObject({ ok: true });
    expect(await turnOffTwoFactor(ED, "editor", PASSWORD, "ip:t")).toMatchObject({ ok: false, error: expect.stringContaining("requires") });
    expect(await resetMemberTwoFactor(ADMIN, ED)).toMatchObject({ ok: true });
    expect(await twoFactorStatus(ED)).toMatchObject({ enabled: false });
    expect(await mustSetUpTwoFactor(ED, "editor")).toBe(true);
    expect(await actions()).toEqual([`${ED} two-factor-enable ${ED}`, `${ADMIN} two-factor-policy  editor`, `${ADMIN} two-factor-reset ${ED}`]);
  });
});
