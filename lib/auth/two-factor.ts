import "server-only";
import path from "node:path";
import { z } from "zod";
import { readJsonFile, updateJsonFile } from "@/lib/fs/json-file";
import { dataDir, roleSchema, type Role } from "./config";
import { hashRecoveryCode, isRecoveryCodeShaped, newRecoveryCodes } from "./recovery-codes";
import { seal, unseal } from "./secret-box";
import { matchTotp, newTotpSecret, totpUri } from "./totp";

// Two-factor sign-in: each account's TOTP key (sealed), the last time step it accepted (so no code works twice),
// its unused recovery codes (hashed), set-ups in progress, and which roles must use it.

/** A set-up that was started but never confirmed with a code is forgotten after this long. */
export const ENROLLMENT_TTL_MS = 30 * 60 * 1000;
const PURPOSE = "totp-secret";

const accountSchema = z.object({
  secret: z.string(),
  enabledAt: z.iso.datetime(),
  lastStep: z.number().int(),
  recoveryCodes: z.array(z.string()),
});
const pendingSchema = z.object({ secret: z.string(), createdAt: z.iso.datetime() });
const stateSchema = z.object({
  version: z.literal(1),
  accounts: z.record(z.string(), accountSchema),
  pending: z.record(z.string(), pendingSchema),
  requiredFor: z.array(roleSchema),
});
/** Everything the two-factor store holds. */
export type TwoFactorState = z.infer<typeof stateSchema>;
const OPTIONS = {
  missing: { version: 1 as const, accounts: {}, pending: {}, requiredFor: [] },
  advice: "restore it from a backup, or delete it to turn two-factor sign-in off for everyone",
};

/** Where two-factor state is kept; `update` is a read-modify-write under the store's lock. */
export interface TwoFactorStore {
  read(): Promise<TwoFactorState>;
  update<T>(change: (state: TwoFactorState) => T): Promise<T>;
}

/** The store in DATA_DIR/two-factor.json (0600, atomic writes, under the file lock). */
export function fileTwoFactorStore(file = path.join(/* turbopackIgnore: true */ dataDir(), "two-factor.json")): TwoFactorStore {
  return {
    read: () => readJsonFile(file, stateSchema, OPTIONS),
    update: (change) =>
      updateJsonFile(file, stateSchema, OPTIONS, (current: TwoFactorState) => {
        const state = structuredClone(current);
        return { next: state, result: change(state) };
      }),
  };
}

/** What the account page shows. */
export type TwoFactorStatus = { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number };

/** Whether `email` signs in with a second factor, and how many recovery codes are left. */
export async function twoFactorStatus(email: string, store = fileTwoFactorStore()): Promise<TwoFactorStatus> {
  const account = (await store.read()).accounts[email];
  return { enabled: Boolean(account), enabledAt: account?.enabledAt ?? null, recoveryCodesLeft: account?.recoveryCodes.length ?? 0 };
}

/** The emails with two-factor sign-in turned on (one read for the users page). */
export async function emailsWithTwoFactor(store = fileTwoFactorStore()): Promise<Set<string>> {
  return new Set(Object.keys((await store.read()).accounts));
}

/** Whether `email` has two-factor sign-in turned on. */
export async function hasTwoFactor(email: string, store = fileTwoFactorStore()): Promise<boolean> {
  return (await twoFactorStatus(email, store)).enabled;
}

/** The roles that must sign in with a second factor. */
export async function rolesRequiringTwoFactor(store = fileTwoFactorStore()): Promise<Role[]> {
  return (await store.read()).requiredFor;
}

/** Sets the roles that must sign in with a second factor; returns the list before. */
export async function setRolesRequiringTwoFactor(roles: Role[], store = fileTwoFactorStore()): Promise<Role[]> {
  return store.update((state) => {
    const before = state.requiredFor;
    state.requiredFor = roleSchema.options.filter((role) => roles.includes(role));
    return before;
  });
}

/** Whether this user must set up two-factor sign-in before doing anything else. */
export async function mustSetUpTwoFactor(email: string, role: Role, store = fileTwoFactorStore()): Promise<boolean> {
  const state = await store.read();
  return state.requiredFor.includes(role) && !state.accounts[email];
}

/** A set-up in progress: the key to put in an app, and its URI for the QR code. */
export type Enrollment = { secret: string; uri: string; createdAt: string };

/** Starts (or restarts) setting up two-factor sign-in for `email`: a fresh key, kept until confirmed with a code. */
export async function startEnrollment(email: string, now = Date.now(), store = fileTwoFactorStore()): Promise<Enrollment> {
  const secret = newTotpSecret();
  const sealed = await seal(secret, PURPOSE);
  const createdAt = new Date(now).toISOString();
  await store.update((state) => {
    state.pending[email] = { secret: sealed, createdAt };
  });
  return { secret, uri: totpUri(secret, email), createdAt };
}

/** The set-up in progress for `email`, or null when none was started in the last 30 minutes. */
export async function pendingEnrollment(email: string, now = Date.now(), store = fileTwoFactorStore()): Promise<Enrollment | null> {
  const pending = (await store.read()).pending[email];
  if (!pending || now - Date.parse(pending.createdAt) > ENROLLMENT_TTL_MS) return null;
  const secret = await unseal(pending.secret, PURPOSE);
  return secret ? { secret, uri: totpUri(secret, email), createdAt: pending.createdAt } : null;
}

/** The outcome of confirming a set-up: the recovery codes (shown once), or why not. */
export type ConfirmResult = { ok: true; recoveryCodes: string[] } | { ok: false; error: "no-setup" | "wrong-code" };

/**
 * Finishes a set-up: `code` must come from the pending key. The key becomes the account's (replacing an older
 * one), with ten fresh recovery codes, returned here in clear for the only time.
 */
export async function confirmEnrollment(email: string, code: string, now = Date.now(), store = fileTwoFactorStore()): Promise<ConfirmResult> {
  const enrollment = await pendingEnrollment(email, now, store);
  if (!enrollment) return { ok: false, error: "no-setup" };
  const step = matchTotp(enrollment.secret, code, now);
  if (step === null) return { ok: false, error: "wrong-code" };
  const recoveryCodes = newRecoveryCodes();
  const sealed = await seal(enrollment.secret, PURPOSE);
  const done = await store.update((state) => {
    // Restarted meanwhile (another tab): the code was for a key that is no longer the one being set up.
    if (state.pending[email]?.createdAt !== enrollment.createdAt) return false;
    delete state.pending[email];
    state.accounts[email] = { secret: sealed, enabledAt: new Date(now).toISOString(), lastStep: step, recoveryCodes: recoveryCodes.map(hashRecoveryCode) };
    return true;
  });
  return done ? { ok: true, recoveryCodes } : { ok: false, error: "no-setup" };
}

/** How a second factor was proven, or that it was not. */
export type SecondFactorResult = { ok: true; method: "code" | "recovery-code"; recoveryCodesLeft: number } | { ok: false };

/**
 * Checks a second factor for `email`: a current authenticator code never used before, or one of the unused
 * recovery codes (which is then used up). The caller counts failures in the sign-in throttle.
 */
export async function verifySecondFactor(email: string, code: string, now = Date.now(), store = fileTwoFactorStore()): Promise<SecondFactorResult> {
  const account = (await store.read()).accounts[email];
  if (!account || code.length > 64) return { ok: false };
  if (isRecoveryCodeShaped(code)) {
    const hash = hashRecoveryCode(code);
    return store.update((state) => {
      const current = state.accounts[email];
      const index = current?.recoveryCodes.indexOf(hash) ?? -1;
      if (!current || index < 0) return { ok: false };
      current.recoveryCodes.splice(index, 1);
      return { ok: true, method: "recovery-code", recoveryCodesLeft: current.recoveryCodes.length };
    });
  }
  const secret = await unseal(account.secret, PURPOSE);
  const step = secret ? matchTotp(secret, code, now, account.lastStep) : null;
  if (step === null) return { ok: false };
  return store.update((state) => {
    const current = state.accounts[email];
    // Checked again under the lock: of two sign-ins racing with the same code, only one gets through.
    if (!current || current.lastStep >= step) return { ok: false };
    current.lastStep = step;
    return { ok: true, method: "code", recoveryCodesLeft: current.recoveryCodes.length };
  });
}

/** Ten new recovery codes for `email`, replacing the old ones; null when two-factor sign-in is off. */
export async function replaceRecoveryCodes(email: string, store = fileTwoFactorStore()): Promise<string[] | null> {
  const codes = newRecoveryCodes();
  const done = await store.update((state) => {
    const account = state.accounts[email];
    if (account) account.recoveryCodes = codes.map(hashRecoveryCode);
    return Boolean(account);
  });
  return done ? codes : null;
}

/** Turns two-factor sign-in off for `email` (and drops any set-up in progress); returns whether it was on. */
export async function removeTwoFactor(email: string, store = fileTwoFactorStore()): Promise<boolean> {
  return store.update((state) => {
    const was = Boolean(state.accounts[email]);
    delete state.accounts[email];
    delete state.pending[email];
    return was;
  });
}
