import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";

/** Folio's side of the migration report: a production build with CONTENT_DIR at the site, served on its own port. */

const root = process.cwd();
const next = path.join(root, "node_modules/.bin/next");

function folioEnv(site: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    CONTENT_DIR: site,
    FOLIO_DIST_DIR: ".next-hugo-compare",
    FOLIO_PRERENDER_POSTS: "0",
    FOLIO_SKIP_TYPECHECK: "1",
    SITE_URL: `http://127.0.0.1:${port}`,
    SESSION_SECRET: process.env.SESSION_SECRET ?? randomBytes(32).toString("base64"),
    DATA_DIR: path.join(root, ".data-hugo-compare"),
  };
}

/** Builds Folio for the site (its own dist folder); throws with Next's output when the build fails. */
export function buildFolio(site: string, port: number, log: (line: string) => void): void {
  log("[hugo:compare] building Folio (next build into .next-hugo-compare)…");
  spawnSync(process.execPath, [path.join(root, "scripts/build-render-worker.mjs")], { stdio: "inherit" });
  const result = spawnSync(next, ["build"], { env: folioEnv(site, port), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`next build failed for ${site}:\n${`${result.stdout}${result.stderr}`.split("\n").slice(-30).join("\n")}`);
}

/** Starts `next start` on the port and waits until it answers; returns a stop function. */
export async function startFolio(site: string, port: number): Promise<() => void> {
  const server: ChildProcess = spawn(next, ["start", "-p", String(port), "-H", "127.0.0.1"], { env: folioEnv(site, port), stdio: "ignore" });
  const stop = () => void server.kill("SIGTERM");
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      await fetch(`http://127.0.0.1:${port}/`, { redirect: "manual" });
      return stop;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  stop();
  throw new Error(`Folio did not start on port ${port}`);
}

/** Fetches an old URL: its status (or the status of where it redirects, followed up to five times) and the final HTML. */
export async function fetchPage(base: string, url: string): Promise<{ status: number; redirected: boolean; html: string }> {
  let target = new URL(url, base).href;
  let redirected = false;
  for (let hop = 0; hop < 6; hop++) {
    const response = await fetch(target, { redirect: "manual" });
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      redirected = true;
      target = new URL(location, target).href;
      continue;
    }
    return { status: response.status, redirected, html: response.status === 200 ? await response.text() : "" };
  }
  return { status: 310, redirected, html: "" };
}
