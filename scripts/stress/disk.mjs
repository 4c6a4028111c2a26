// A full disk and read-only folders, for real: a tiny tmpfs mounted over the posts folder (and over DATA_DIR), and
// read-only bind mounts, while the server runs. Needs root (mount); otherwise the phase says it was skipped, and the
// same failures stay covered by lib/admin/featured-failures.test.ts with injected errors.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setFeatured, signIn } from "./client.mjs";
import { auditFiles } from "./crash.mjs";
import { MARKETER, start, stop } from "./server.mjs";

const SLUG = "how-to-win-a-partnership-meeting";
const mounted = new Set();

function sh(command, args) {
  const run = spawnSync(command, args, { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${run.stderr.trim() || run.status}`);
}

/** Unmounts whatever this phase mounted; safe to call twice, and called on exit too. */
export function unmountAll() {
  for (const dir of [...mounted].reverse()) {
    spawnSync("umount", ["-l", dir]);
    mounted.delete(dir);
  }
}

function canMount() {
  if (process.getuid?.() !== 0) return "not root";
  const probe = mkdtempSync(path.join(os.tmpdir(), "folio-stress-mount-"));
  const run = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], { encoding: "utf8" });
  if (run.status === 0) spawnSync("umount", [probe]);
  rmSync(probe, { recursive: true, force: true });
  return run.status === 0 ? null : `mount refused: ${run.stderr.trim()}`;
}

/**
 * Mounts a tmpfs of `size` over `dir`, keeping its files, then fills what is left. `padded` files are first grown
 * to a whole number of pages with a blank line (which readers skip), or an append would fit in their last page.
 */
function fullTmpfs(dir, size, padded = []) {
  const backup = mkdtempSync(path.join(os.tmpdir(), "folio-stress-copy-"));
  cpSync(dir, backup, { recursive: true });
  sh("mount", ["-t", "tmpfs", "-o", `size=${size},mode=0700`, "tmpfs", dir]);
  mounted.add(dir);
  cpSync(backup, dir, { recursive: true });
  rmSync(backup, { recursive: true, force: true });
  for (const name of padded) {
    const file = path.join(dir, name);
    const size = readFileSync(file).length;
    const missing = (4096 - (size % 4096)) % 4096;
    if (missing > 0) writeFileSync(file, `${" ".repeat(Math.max(0, missing - 1))}\n`, { flag: "a" });
  }
  const filler = path.join(dir, ".filler");
  const chunk = Buffer.alloc(4096, 0x20);
  for (let i = 0; i < 100_000; i++) {
    try {
      writeFileSync(filler, chunk, { flag: "a" });
    } catch (error) {
      if (error.code === "ENOSPC") return filler;
      throw error;
    }
  }
  throw new Error(`could not fill the tmpfs over ${dir}`);
}

function readOnly(dir) {
  sh("mount", ["--bind", dir, dir]);
  mounted.add(dir);
  sh("mount", ["-o", "remount,bind,ro", dir]);
}

function release(dir) {
  sh("umount", [dir]);
  mounted.delete(dir);
}

const snapshot = (dir) => new Map(readdirSync(dir).filter((n) => !n.startsWith(".")).map((n) => [n, readFileSync(path.join(dir, n))]));
const same = (a, b) => a.size === b.size && [...a].every(([n, bytes]) => b.get(n)?.equals(bytes));

/** Runs one failure: the toggle must fail with `expected` in its message and leave every post as it was. */
async function expectRefusal(where, ids, cookie, label, expected, arrange, undo) {
  const before = snapshot(where.posts);
  const tempsBefore = new Set(readdirSync(where.posts).filter((n) => n.endsWith(".tmp")));
  const featured = /\nfeatured: true\n/.test(before.get(`${SLUG}.md`).toString("utf8"));
  arrange();
  let result;
  let after;
  let temps;
  try {
    result = await setFeatured(where, ids, cookie, SLUG, !featured);
    after = snapshot(where.posts);
    temps = readdirSync(where.posts).filter((n) => n.endsWith(".tmp") && !tempsBefore.has(n));
  } finally {
    undo();
  }
  const problems = [];
  if (result.ok) problems.push("the toggle succeeded");
  else if (!expected.test(result.error)) problems.push(`unexpected message: ${result.error}`);
  if (!same(before, after)) problems.push("a post changed");
  if (temps.length > 0) problems.push(`temp files left: ${temps.join(", ")}`);
  // Once the disk is back, the same toggle works, and a second one restores the file.
  const retry = await setFeatured(where, ids, cookie, SLUG, !featured);
  const restore = await setFeatured(where, ids, cookie, SLUG, featured);
  if (!retry.ok || !restore.ok) problems.push(`after recovery: ${retry.error ?? restore.error}`);
  if (!same(before, snapshot(where.posts))) problems.push("toggling twice after recovery did not restore the bytes");
  return { label, ok: problems.length === 0, message: result.error ?? "(none)", problems };
}

export async function diskPhase(where, ids) {
  const why = canMount();
  if (why) return { ok: true, skipped: `skipped (${why}); covered by lib/admin/featured-failures.test.ts`, cases: [] };
  const server = await start(where);
  const cases = [];
  try {
    const cookie = await signIn(where, MARKETER);
    let filler;
    cases.push(
      await expectRefusal(where, ids, cookie, "posts folder on a full disk", /^Nothing was changed: .*disk full \(ENOSPC\)/, () => {
        filler = fullTmpfs(where.posts, "256k");
      }, () => {
        rmSync(filler, { force: true });
        release(where.posts);
      }),
    );
    cases.push(
      await expectRefusal(where, ids, cookie, "posts folder read-only", /^Nothing was changed: .*read-only or not writable \(EROFS\)/, () => readOnly(where.posts), () => release(where.posts)),
    );
    cases.push(
      await expectRefusal(where, ids, cookie, "audit log on a full disk", /^Nothing was changed: the audit log could not be written \(.*disk full/, () => {
        filler = fullTmpfs(where.data, "256k", auditFiles(where).map((file) => path.relative(where.data, file)));
      }, () => {
        rmSync(filler, { force: true });
        // What the server wrote to DATA_DIR meanwhile (a session touch) goes back to the real folder.
        const keep = mkdtempSync(path.join(os.tmpdir(), "folio-stress-data-"));
        cpSync(where.data, keep, { recursive: true });
        release(where.data);
        cpSync(keep, where.data, { recursive: true });
        rmSync(keep, { recursive: true, force: true });
      }),
    );
    cases.push(
      await expectRefusal(where, ids, cookie, "audit log read-only", /^Nothing was changed: the audit log could not be written \(.*read-only or not writable/, () => readOnly(where.data), () => release(where.data)),
    );
  } finally {
    unmountAll();
    await stop(server);
  }
  return { ok: cases.every((c) => c.ok), cases };
}
