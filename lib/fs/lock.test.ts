import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireFileLock, lockPathFor } from "./lock";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "folio-lock-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tsx = path.resolve("node_modules/.bin/tsx");
const script = path.resolve("tests/fixtures/lock/increment.ts");

function run(file: string, count: number): Promise<number | null> {
  const child = spawn(tsx, ["--conditions=react-server", script, file, String(count)], { stdio: ["ignore", "ignore", "inherit"] });
  return new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

describe("the cross-process file lock", () => {
  it("serializes read-modify-write cycles of several processes: no update is lost", async () => {
    const file = path.join(dir, "counter.txt");
    await writeFile(file, "0");
    const codes = await Promise.all([run(file, 25), run(file, 25), run(file, 25)]);
    expect(codes).toEqual([0, 0, 0]);
    expect(await readFile(file, "utf8")).toBe("75");
    expect(await readdir(dir)).toEqual(["counter.txt"]);
  }, 60_000);

  it("takes over at once a lock whose holder on this machine is dead (kill -9)", async () => {
    const file = path.join(dir, "sessions.json");
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    await writeFile(lockPathFor(file), JSON.stringify({ pid: Number(dead.stdout), host: (await import("node:os")).hostname(), token: "x" }));
    const release = await acquireFileLock(file, { timeoutMs: 1000, staleMs: 60_000 });
    await release();
    expect(await readdir(dir)).toEqual([]);
  });

  it("takes over a lock file nobody has touched for staleMs (a holder on another machine, or torn)", async () => {
    const file = path.join(dir, "users.json");
    await writeFile(lockPathFor(file), "{torn");
    const old = new Date(Date.now() - 5000);
    await utimes(lockPathFor(file), old, old);
    const release = await acquireFileLock(file, { timeoutMs: 1000, staleMs: 2000 });
    await release();
  });

  it("waits for a live holder, and gives up with ELOCKED after timeoutMs", async () => {
    const file = path.join(dir, "users.json");
    const release = await acquireFileLock(file);
    await expect(acquireFileLock(file, { timeoutMs: 300 })).rejects.toMatchObject({ code: "ELOCKED" });
    const waiting = acquireFileLock(file, { timeoutMs: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await release();
    await (await waiting)();
    expect(await readdir(dir)).toEqual([]);
  });
});
