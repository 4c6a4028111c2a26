/**
 * Folio under measurement: `npm run build` into the benchmark's own build folder, `next start` on loopback, and the
 * content index timed in a child process through lib/content/load.ts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { runQuiet, runTimed, startServer, waitForHttp, type Env, type Server, type Timed } from "./procs";

/** Everything a Folio process of this run needs in its environment. */
export function folioEnv(options: { contentDir: string; dataDir: string; distDir: string; siteUrl: string; prerender?: number }): Env {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    CONTENT_DIR: options.contentDir,
    DATA_DIR: options.dataDir,
    FOLIO_DIST_DIR: options.distDir,
    SITE_URL: options.siteUrl,
    SESSION_SECRET: "bench-only-secret-bench-only-secret-bench-only",
    // The type check does not depend on the content; `npm test` runs it. The build's own content check stays.
    FOLIO_SKIP_TYPECHECK: "1",
    ...(options.prerender === undefined ? {} : { FOLIO_PRERENDER_POSTS: String(options.prerender) }),
  };
}

/** `npm run build` (content check, then next build), timed, with the peak memory of its whole process tree. */
export async function build(root: string, env: Env): Promise<Timed> {
  const result = await runTimed("npm", ["run", "--silent", "build"], { cwd: root, env, timeoutMs: 3_600_000 });
  if (result.code !== 0) throw new Error(`npm run build failed:\n${result.output.slice(-4000)}`);
  return result;
}

/** The figures the build prints: pages generated and how long static generation took. */
export function buildSummary(output: string): { pages?: number; generateSeconds?: number; compileSeconds?: number } {
  const generated = /Generating static pages using \d+ workers? \((\d+)\/\d+\) in ([\d.]+)(m?s|min)/.exec(output);
  const compiled = /Compiled successfully in ([\d.]+)(m?s|min)/.exec(output);
  const seconds = (value: string, unit: string) => Number(value) * (unit === "ms" ? 0.001 : unit === "min" ? 60 : 1);
  return {
    pages: generated ? Number(generated[1]) : undefined,
    generateSeconds: generated ? seconds(generated[2]!, generated[3]!) : undefined,
    compileSeconds: compiled ? seconds(compiled[1]!, compiled[2]!) : undefined,
  };
}

/** How many pages the build prerendered, by route: the largest first. */
export function pagesByRoute(distDir: string): Record<string, number> {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "prerender-manifest.json"), "utf8")) as { routes: Record<string, { srcRoute?: string | null }> };
  const counts = new Map<string, number>();
  for (const [route, entry] of Object.entries(manifest.routes)) counts.set(entry.srcRoute ?? route, (counts.get(entry.srcRoute ?? route) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
}

/** Creates (or updates) an admin user through the real `npm run users` command. */
export function addUser(root: string, env: Env, email: string, role: string, password: string): void {
  runQuiet("npm", ["run", "--silent", "users", "--", "add", email, "--role", role, "--password-stdin"], { cwd: root, env: env as NodeJS.ProcessEnv, input: `${password}\n` });
}

/** Starts `next start` on 127.0.0.1:`port`, pinned to `cpus`, and waits for the home page. */
export async function startFolio(root: string, env: Env, port: number, cpus?: string): Promise<Server> {
  const next = path.join(root, "node_modules", ".bin", "next");
  const server = startServer(next, ["start", "--port", String(port), "--hostname", "127.0.0.1"], { cwd: root, env, cpus });
  await waitForHttp(`http://127.0.0.1:${port}/`, undefined, server);
  return server;
}

export type IndexTiming = { coldMs: number; warmMs: number; files: number; posts: number; errors: number };

/** Loads the content index in a fresh process (see index-timing.ts); `diskCache: false` forces a real parse of every file. */
export function timeIndex(root: string, env: Env, contentDir: string, diskCache: boolean): IndexTiming {
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const out = runQuiet(tsx, ["--conditions=react-server", path.join(root, "scripts", "bench", "index-timing.ts"), contentDir], {
    cwd: root,
    env: { ...(env as NodeJS.ProcessEnv), ...(diskCache ? {} : { FOLIO_DISK_CACHE: "0" }) },
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as IndexTiming;
}

/**
 * Whether a script of a page is Folio's own. The page's client-reference manifest lists every client module it may
 * load with its chunks: a chunk holding any module outside node_modules (a component of Folio's) is Folio's own;
 * chunks of node_modules modules only, and the build manifest's root and polyfill files (React, the Next router,
 * the Turbopack runtime), are the framework's. A chunk neither list accounts for counts as Folio's own.
 */
export function ownScriptClassifier(distDir: string, route: string): (file: string) => boolean {
  const build = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as { rootMainFiles?: string[]; polyfillFiles?: string[] };
  const framework = new Set([...(build.rootMainFiles ?? []), ...(build.polyfillFiles ?? [])].map((f) => `/_next/${f}`));
  const own = new Set<string>();
  const source = readFileSync(path.join(distDir, "server", "app", route, "page_client-reference-manifest.js"), "utf8");
  const json = /= (\{[\s\S]*\});?\s*$/.exec(source.split("\n").find((line) => line.includes("clientModules")) ?? "");
  const modules = json ? (JSON.parse(json[1]!) as { clientModules: Record<string, { chunks: string[] }> }).clientModules : {};
  for (const [id, entry] of Object.entries(modules)) {
    const chunks = entry.chunks.map((c) => (c.startsWith("/") ? c : `/_next/${c}`));
    if (id.startsWith("[project]/node_modules/")) chunks.forEach((c) => framework.add(c));
    else chunks.forEach((c) => own.add(c));
  }
  return (file) => own.has(file) || !framework.has(file);
}
