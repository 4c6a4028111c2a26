#!/usr/bin/env node
// `npm test`: every test, on a fresh machine too. Installs what is missing (dependencies; Debian's Chromium and Hugo),
// type-checks, runs the unit tests (Vitest), then the end-to-end suite (Playwright in Chromium against a
// production build), and ends with one line: `N passed, N failed`. Node built-ins only.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "./lib/free-port.mjs";

const root = path.resolve(import.meta.dirname, "..");
const results = path.join(root, "test-results");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(command, args, options = {}) {
  console.log(`\n[test] ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { cwd: root, stdio: "inherit", env, ...options }).status ?? 1;
}

/** Installs when node_modules is older than the lock file or than a patch of patches/ (which only an install applies). */
function ensureDependencies() {
  const installed = path.join(root, "node_modules", ".package-lock.json");
  const inputs = ["package-lock.json", ...readdirSync(path.join(root, "patches")).map((name) => path.join("patches", name))];
  const installedAt = existsSync(installed) ? statSync(installed).mtimeMs : -Infinity;
  const stale = inputs.some((input) => installedAt < statSync(path.join(root, input)).mtimeMs);
  if (stale && run("npm", ["install", "--no-audit", "--no-fund"]) !== 0) throw new Error("npm install failed");
}

/** A Debian package the tests drive for real (Chromium; Hugo for hugo:compare's stand-in build), installed when missing. */
function ensurePackage(binary, name, hint) {
  if (existsSync(binary)) return;
  if (process.getuid?.() !== 0) throw new Error(`${name} is missing at ${binary}: run 'sudo apt-get install -y ${name}'${hint}`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: "noninteractive" };
  if (run("apt-get", ["update", "-qq"], { env: aptEnv }) !== 0 || run("apt-get", ["install", "-y", "-qq", name], { env: aptEnv }) !== 0) {
    throw new Error(`could not install Debian's ${name} package`);
  }
}

function readCounts(file, pick) {
  try {
    return pick(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return { passed: 0, failed: 1 }; // the runner crashed before it could report: count that as a failure
  }
}

async function main() {
  mkdirSync(results, { recursive: true });
  ensureDependencies();
  ensurePackage(chromiumPath, "chromium", " or set CHROMIUM_PATH");
  ensurePackage("/usr/bin/hugo", "hugo", "");
  const typecheck = run(bin("tsc"), ["--noEmit", "-p", "."]);
  run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(results, "unit.json")}`]);
  const unit = readCounts(path.join(results, "unit.json"), (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + (r.numTotalTests === 0 ? 1 : 0) }));
  // The suite's server on a port nothing holds (a server left running, another suite), unless E2E_PORT names one.
  env.E2E_PORT ||= String(await freePort());
  run(bin("playwright"), ["test"]);
  const e2e = readCounts(path.join(results, "e2e.json"), (r) => ({
    passed: r.stats.expected + r.stats.flaky,
    // A test that did not run (skipped, or its project's dependency failed) is not a pass: it counts as failed.
    failed: r.stats.unexpected + r.stats.skipped + (r.errors?.length ?? 0) + (r.stats.expected + r.stats.unexpected === 0 ? 1 : 0),
  }));
  const passed = unit.passed + e2e.passed;
  const failed = unit.failed + e2e.failed + (typecheck === 0 ? 0 : 1);
  console.log(`\nunit: ${unit.passed} passed, ${unit.failed} failed; e2e: ${e2e.passed} passed, ${e2e.failed} failed; typecheck: ${typecheck === 0 ? "ok" : "FAILED"}`);
  const totals = `${passed} passed, ${failed} failed`;
  writeFileSync(path.join(results, "totals.txt"), `${totals}\n`);
  console.log(totals);
  return failed === 0 ? 0 : 1;
}

try {
  process.exit(await main());
} catch (error) {
  console.error(`[test] ${error.message}`);
  mkdirSync(results, { recursive: true });
  writeFileSync(path.join(results, "totals.txt"), "0 passed, 1 failed\n");
  console.log("0 passed, 1 failed");
  process.exit(1);
}
