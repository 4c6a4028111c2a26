#!/usr/bin/env node
// What a production build was made for: the content folder and the site's address its prerendered pages show. `npm
// run build` writes it beside the build (postbuild); `npm start` builds again when CONTENT_DIR or SITE_URL changed
// since, rather than serve another site's prerendered pages (home, feeds, sitemap) until they expire.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const STAMP = "folio-build.json";

/**
 * The variables as `next build` and `next start` see them: the environment, then `.env.local` and the other files
 * Next.js loads (through its own loader, @next/env, found through `next`), which never override the environment.
 */
export function loadNextEnv() {
  const fromNext = createRequire(createRequire(import.meta.url).resolve("next/package.json"));
  fromNext("@next/env").loadEnvConfig(root, false, { info: () => {}, error: console.error });
}

/** The build's folder, and what a build made now would be for. */
export function currentTarget(env = process.env) {
  return {
    distDir: path.resolve(root, env.FOLIO_DIST_DIR || ".next"),
    stamp: { contentDir: path.resolve(root, env.CONTENT_DIR || "content"), siteUrl: env.SITE_URL || "" },
  };
}

/** Why the build in `distDir` cannot serve `stamp`'s site (null when it can): none yet, or made for another. */
export function rebuildReason(distDir, stamp) {
  if (!existsSync(path.join(distDir, "BUILD_ID"))) return "no production build yet";
  let built;
  try {
    built = JSON.parse(readFileSync(path.join(distDir, STAMP), "utf8"));
  } catch {
    return "the build does not say which content it was made for";
  }
  if (built?.contentDir !== stamp.contentDir) return `the build was made for CONTENT_DIR=${built?.contentDir}, not ${stamp.contentDir}`;
  if (built?.siteUrl !== stamp.siteUrl) return `the build was made for SITE_URL=${built?.siteUrl || "(unset)"}, not ${stamp.siteUrl || "(unset)"}`;
  return null;
}

export function writeStamp(distDir, stamp) {
  writeFileSync(path.join(distDir, STAMP), `${JSON.stringify(stamp)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  loadNextEnv();
  const { distDir, stamp } = currentTarget();
  writeStamp(distDir, stamp);
}
