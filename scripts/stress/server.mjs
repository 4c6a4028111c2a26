// The stress battery's own Folio: a production build of a scratch copy of tests/fixtures/site, on its own port, work folder,
// build folder and DATA_DIR, so it never meets the e2e suite or the benchmark. Node built-ins only.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..", "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** Where everything of one stress run lives, from its port. */
export function layout(port) {
  const work = path.join(root, ".e2e-stress");
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    work,
    content: path.join(work, "content"),
    posts: path.join(work, "content", "posts"),
    data: path.join(work, "data"),
    distDir: ".next-stress",
  };
}

function serverEnv(where) {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    CONTENT_DIR: where.content,
    DATA_DIR: where.data,
    FOLIO_DIST_DIR: where.distDir,
    SITE_URL: where.base,
    SESSION_SECRET: "stress-only-secret-stress-only-secret-stress",
    FOLIO_SKIP_TYPECHECK: "1",
  };
}

const running = new Set();

/** kill -9 every server this run started and that is still up (on exit, on error, on the watchdog). */
export function killAll() {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

export const MARKETER = { email: "marketer@stress.test", password: "marketer-password-stress" };

/** A fresh copy of the sample site (tests/fixtures/site) and a DATA_DIR holding one marketer, created through the real users command. */
export function prepare(where) {
  rmSync(where.work, { recursive: true, force: true });
  mkdirSync(where.work, { recursive: true });
  cpSync(path.join(root, "tests", "fixtures", "site"), where.content, { recursive: true });
  mkdirSync(where.data, { recursive: true, mode: 0o700 });
  const args = ["--conditions=react-server", "scripts/users.ts", "add", MARKETER.email, "--role", "marketer", "--password-stdin"];
  const added = spawnSync(bin("tsx"), args, { cwd: root, env: serverEnv(where), input: `${MARKETER.password}\n`, encoding: "utf8" });
  if (added.status !== 0) throw new Error(`could not create the stress user: ${added.stderr}`);
}

/** `next build` into the stress build folder (once per run; every restart reuses it). */
export function build(where) {
  const built = spawnSync(bin("next"), ["build"], { cwd: root, env: serverEnv(where), stdio: ["ignore", "ignore", "inherit"] });
  if (built.status !== 0) throw new Error("next build failed");
}

/**
 * Starts `next start` and resolves once it answers. The process is the server itself (no wrapper), so
 * `kill("SIGKILL")` is a real kill -9 of the process that is writing files.
 */
export async function start(where, { timeoutMs = 90_000 } = {}) {
  const child = spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "--port", String(where.port), "--hostname", "127.0.0.1"], {
    cwd: root,
    env: serverEnv(where),
    stdio: ["ignore", "ignore", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  const errors = [];
  child.stderr.on("data", (chunk) => errors.push(chunk.toString()));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited early: ${errors.join("").slice(-2000)}`);
    try {
      const response = await fetch(`${where.base}/robots.txt`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return { child, exited, errors };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`the server did not answer within ${timeoutMs / 1000} s`);
}

/** kill -9, and wait until the process is really gone. */
export async function kill9(server) {
  server.child.kill("SIGKILL");
  return server.exited;
}

/** A polite stop, for the end of a phase. */
export async function stop(server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 5000);
  await server.exited;
  clearTimeout(timer);
}
