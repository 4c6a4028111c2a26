import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../scripts/bench/procs";

/**
 * A second production server for a Hugo site, started by a spec beside the suite's own: the suite's build (the code
 * is the same whatever CONTENT_DIR is) copied without its prerendered pages, served with `next start` and
 * CONTENT_DIR set to a scratch copy of a real site from tests/fixtures/hugo. Copying saves a second `next build`
 * (minutes on two cores); dropping the prerendered pages makes every page render from the Hugo site, never from
 * the sample site the build saw.
 */

const root = path.resolve(__dirname, "..");
// Content-independent outputs of the build, kept; every other prerendered page is rendered afresh (robots.txt too:
// it names the suite's origin in its Sitemap line).
const KEEP = new Set(["_not-found", "_global-error", "icon.svg", "social-card.png"]);

/**
 * The copy's prerender manifest without the pages dropped: the server then knows no build-time copy of them at all,
 * and renders each on its first request, as for a page that was never prerendered.
 */
function forgetPrerendered(distDir: string): void {
  const file = path.join(distDir, "prerender-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { routes: Record<string, unknown> };
  manifest.routes = Object.fromEntries(Object.entries(manifest.routes).filter(([route]) => KEEP.has(route.slice(1))));
  writeFileSync(file, JSON.stringify(manifest));
}

function dropPrerendered(dir: string, prefix = ""): void {
  const entries = readdirSync(dir, { withFileTypes: true });
  for (const entry of entries) if (entry.isDirectory() && !entry.name.endsWith(".segments")) dropPrerendered(path.join(dir, entry.name), `${prefix}${entry.name}/`);
  // Every prerendered output, with or without its .meta (the suite's server may be rewriting one while it is copied).
  for (const entry of entries) {
    const suffix = [".html", ".rsc", ".body", ".meta", ".segments"].find((s) => entry.name.endsWith(s));
    if (!suffix) continue;
    const base = entry.name.slice(0, -suffix.length);
    if (prefix === "" && KEEP.has(base)) continue;
    rmSync(path.join(dir, entry.name), { recursive: true, force: true });
  }
}

export type HugoServer = { origin: string; contentDir: string; dataDir: string; stop: () => Promise<void> };

/**
 * `prepare` may change the scratch copy of the site (its config, say) before the server reads it. The port is one the
 * kernel finds free: a fixed one could be held by another server (a second suite, one left running), whose answers
 * this file would then read as its own.
 */
export async function startHugoServer(fixture: string, prepare?: (contentDir: string) => void): Promise<HugoServer> {
  const port = await freePort();
  const work = path.join(root, `.e2e-hugo-${port}`);
  const contentDir = path.join(work, "site");
  const dataDir = path.join(work, "data");
  const distName = path.join(`.e2e-hugo-${port}`, "dist");
  const suiteDist = path.join(root, process.env.E2E_DIST_DIR ?? ".next-e2e");
  if (!existsSync(path.join(suiteDist, "BUILD_ID"))) throw new Error(`no production build at ${suiteDist}: the suite's web server builds it first`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  cpSync(path.join(root, "tests", "fixtures", "hugo", fixture), contentDir, { recursive: true });
  prepare?.(contentDir);
  // The build without its caches: its rendered markdown and parsed posts are the sample site's.
  cpSync(suiteDist, path.join(root, distName), { recursive: true, filter: (src) => !src.startsWith(path.join(suiteDist, "cache")) });
  dropPrerendered(path.join(root, distName, "server", "app"));
  forgetPrerendered(path.join(root, distName));
  const origin = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    CONTENT_DIR: contentDir,
    DATA_DIR: dataDir,
    FOLIO_DIST_DIR: distName,
    SITE_URL: origin,
    SESSION_SECRET: "e2e-only-secret-e2e-only-secret-e2e-only-secret",
  };
  const server: ChildProcess = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: root,
    env,
    stdio: "ignore",
    detached: true,
  });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  // Ends the server and removes its folder (a copy of the build, hundreds of MB): each run's port differs.
  const stop = async () => {
    // `next start` runs the server in a child process: end the whole group it leads.
    if (server.pid && server.exitCode === null) {
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-server.pid!, name);
        } catch {
          // already gone
        }
      };
      signal("SIGTERM");
      // A server that ignores SIGTERM for half a minute is killed.
      const late = setTimeout(() => signal("SIGKILL"), 30_000);
      await exited;
      clearTimeout(late);
    }
    rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  };
  for (let i = 0; i < 240; i++) {
    try {
      // Rendered by this server: its own origin in the Sitemap line (no build-time copy, no other server on the port).
      const robots = await fetch(`${origin}/robots.txt`);
      if (robots.ok && (await robots.text()).includes(`Sitemap: ${origin}/sitemap.xml`) && server.exitCode === null) return { origin, contentDir, dataDir, stop };
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the Hugo-site server for ${fixture} did not start on port ${port}`);
}
