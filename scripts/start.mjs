#!/usr/bin/env node
// `npm start`: the one command to see the site. On a fresh checkout it installs dependencies and builds first;
// then it serves the build with `next start`, honouring PORT and HOSTNAME. Node built-ins only: it runs before
// `npm install` has.
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(args) {
  const result = spawnSync(npm, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(path.join(root, "node_modules", "next", "package.json"))) {
  console.log("[folio] first run: installing dependencies (npm install)…");
  run(["install", "--no-audit", "--no-fund"]);
}
// The build's prerendered pages show one site: build again when CONTENT_DIR or SITE_URL is another than it was made for.
const { currentTarget, loadNextEnv, rebuildReason } = await import("./build-stamp.mjs");
loadNextEnv();
const target = currentTarget(process.env);
const reason = rebuildReason(target.distDir, target.stamp);
if (reason) {
  console.log(`[folio] ${reason}: building (npm run build)…`);
  run(["run", "build"]);
}

const args = ["next", "start"];
if (process.env.PORT) args.push("--port", process.env.PORT);
if (process.env.HOSTNAME) args.push("--hostname", process.env.HOSTNAME);
const server = spawn(path.join(root, "node_modules", ".bin", "next"), args.slice(1), { cwd: root, stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
