import "server-only";
import { loadSessionSecret, SessionSecretError } from "./session-token";
import { hasUsers } from "./user-store";

/** Whether anyone can sign in on this server, and if not, why, in words the sign-in page may show to anyone. */
export type SignInAvailability = { ok: true } | { ok: false; reason: string; fix: string };

/** The command that creates the first account, as the sign-in page and the start-up message print it. */
export const FIRST_USER_COMMAND = "npm run users -- add you@example.com --role admin";

/**
 * Checks what sign-in needs before anyone types a password: a usable session secret and at least one account.
 * Never throws; the reasons name variables and commands, never paths or secrets.
 */
export async function signInAvailability(): Promise<SignInAvailability> {
  try {
    await loadSessionSecret();
  } catch (error) {
    const reason = error instanceof SessionSecretError ? error.reason : "the server could not load its session secret";
    return { ok: false, reason: `Sign-in is off on this server: ${reason}.`, fix: "Whoever runs the site can set SESSION_SECRET (32 or more random characters) or make DATA_DIR writable, then restart it." };
  }
  try {
    if (!(await hasUsers())) {
      return { ok: false, reason: "No one can sign in yet: this site has no accounts.", fix: `Whoever runs the site can create the first one with: ${FIRST_USER_COMMAND}` };
    }
  } catch {
    return { ok: false, reason: "Sign-in is off on this server: its list of accounts (users.json in DATA_DIR) cannot be read.", fix: "Whoever runs the site will find the cause in the server log." };
  }
  return { ok: true };
}
