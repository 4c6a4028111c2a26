import "server-only";
import path from "node:path";
import { FIRST_USER_COMMAND } from "@/lib/auth/availability";
import { loadSessionSecret } from "@/lib/auth/session-token";
import { hasUsers } from "@/lib/auth/users";
import { isEnvSet, readEnv, siteUrlDefault } from "@/lib/config/env";

/** A path as the operator typed it: relative to where the server runs when it lies inside it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
}

/** Start-up line about SITE_URL: in production, where canonical links, feeds and cards point when it is unset. */
function announceSiteUrl(): void {
  if (readEnv("NODE_ENV") !== "production" || isEnvSet("SITE_URL")) return;
  console.warn(
    `[folio] SITE_URL is not set: canonical links, feeds, the sitemap and social cards point at ${siteUrlDefault()}.\n` +
      "        Set it to the address readers use, e.g.  SITE_URL=https://example.com npm start",
  );
}

/** Start-up lines about sign-in: where the session secret comes from, and how to create the first user. */
async function announceSignIn(): Promise<void> {
  try {
    const loaded = await loadSessionSecret();
    if (loaded.source === "file") {
      console.log(
        `[folio] Sessions are signed with the secret ${loaded.created ? "just generated into" : "in"} ${shown(loaded.file)} (0600). ` +
          "Several instances must share one SESSION_SECRET instead.",
      );
    }
  } catch (error) {
    console.error(`[folio] Admin sign-in is off: ${(error as Error).message}\n        Set SESSION_SECRET (32+ random characters) or make DATA_DIR writable.`);
    return;
  }
  try {
    if (await hasUsers()) return;
    console.warn(`[folio] No admin users yet. Create the first one with:\n        ${FIRST_USER_COMMAND}`);
  } catch (error) {
    console.error(`[folio] Could not read the users file: ${(error as Error).message}`);
  }
}

/** What the server says once at start-up (instrumentation.ts), never during `next build`. */
export async function announceAdminSetup(): Promise<void> {
  announceSiteUrl();
  await announceSignIn();
}
