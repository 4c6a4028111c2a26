import "server-only";
import { hasUsers } from "@/lib/auth/users";
import { isEnvSet, readEnv } from "@/lib/config/env";

/** What the server says once at start-up: how to create the first user, and whether sign-in can work at all. */
export async function announceAdminSetup(): Promise<void> {
  if (readEnv("NODE_ENV") === "production" && !isEnvSet("SESSION_SECRET")) {
    console.warn(
      "[folio] SESSION_SECRET is not set: the site is served, but admin sign-in stays off until it is.\n" +
        "        Set it to 32+ random characters, e.g.  SESSION_SECRET=$(openssl rand -base64 32) npm start",
    );
  }
  try {
    if (await hasUsers()) return;
    console.warn(
      "[folio] No admin users yet. Create the first one with:\n" +
        "        npm run users -- add you@example.com --role admin --password-stdin",
    );
  } catch (error) {
    console.error(`[folio] Could not read the users file: ${(error as Error).message}`);
  }
}
