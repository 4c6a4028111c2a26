#!/usr/bin/env node
// The server the end-to-end suite drives: a real production build (`next build` + `next start`) of a scratch
// copy of the sample site in tests/fixtures/site (never content/, which writers change), with its own DATA_DIR and
// build folder, so tests can write files without touching the repo.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, createWriteStream, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
// E2E_WORK_DIR and E2E_DIST_DIR let two suites run side by side (each with its own E2E_PORT).
const work = path.resolve(root, process.env.E2E_WORK_DIR ?? ".e2e");
const port = process.env.E2E_PORT ?? "3210";
const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  CONTENT_DIR: path.join(work, "content"),
  DATA_DIR: path.join(work, "data"),
  FOLIO_DIST_DIR: process.env.E2E_DIST_DIR ?? ".next-e2e",
  SITE_URL: `http://127.0.0.1:${port}`,
  SESSION_SECRET: "e2e-only-secret-e2e-only-secret-e2e-only-secret",
  FOLIO_SKIP_TYPECHECK: "1",
};

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(path.join(root, "tests", "fixtures", "site"), env.CONTENT_DIR, { recursive: true });
mkdirSync(env.DATA_DIR, { recursive: true, mode: 0o700 });

// The accounts e2e/fixtures.ts signs in with, created through the real users command.
const users = [
  ["admin@e2e.test", "admin", "admin-password-e2e"],
  ["editor@e2e.test", "editor", "editor-password-e2e"],
  ["writer@e2e.test", "writer", "writer-password-e2e"],
  ["marketer@e2e.test", "marketer", "marketer-password-e2e"],
  ["locked@e2e.test", "editor", "locked-password-e2e"],
  ["revoked@e2e.test", "marketer", "revoked-password-e2e"],
];
const tsx = path.join(root, "node_modules", ".bin", "tsx");
for (const [email, role, password] of users) {
  const args = ["--conditions=react-server", "scripts/users.ts", "add", email, "--role", role, "--password-stdin"];
  const added = spawnSync(tsx, args, { cwd: root, env, input: `${password}\n`, stdio: ["pipe", "inherit", "inherit"] });
  if (added.status !== 0) process.exit(added.status ?? 1);
}

const next = path.join(root, "node_modules", ".bin", "next");
// E2E_REUSE_BUILD=1 serves the build already in the build folder (one spec run again after a suite, on two cores a
// build costs minutes); the content is the same fixture copy it was built from. Never set by `npm test`.
const reuse = process.env.E2E_REUSE_BUILD === "1" && existsSync(path.join(root, env.FOLIO_DIST_DIR, "BUILD_ID"));
if (reuse) console.log(`[e2e] E2E_REUSE_BUILD=1: serving the existing build in ${env.FOLIO_DIST_DIR}`);
const build = reuse ? { status: 0 } : spawnSync(next, ["build"], { cwd: root, env, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

// The server's output also goes to WORK/server.log, so a spec can check that a hostile request logged no exception.
const server = spawn(next, ["start", "--port", port, "--hostname", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
const log = createWriteStream(path.join(work, "server.log"));
server.stdout.on("data", (chunk) => (process.stdout.write(chunk), log.write(chunk)));
server.stderr.on("data", (chunk) => (process.stderr.write(chunk), log.write(chunk)));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
