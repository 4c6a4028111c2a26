/**
 * Processes for the benchmark: run a command and time it, sample the peak resident memory of a whole process tree,
 * start servers and wait for them, and install Debian packages the run needs.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";

export { freePort } from "../lib/free-port.mjs";

export type Env = Record<string, string | undefined>;

type ProcessTable = { children: Map<number, number[]>; rss: Map<number, number> };

function processTable(): ProcessTable {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name (field 2) may hold spaces and parentheses: fields after the last ')' are fixed.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
      rss.set(Number(name), Number(fields[21]) * 4096);
    } catch {
      // The process ended while we looked.
    }
  }
  return { children, rss };
}

/** `pid` and every process below it. */
export function processTree(pid: number, table: ProcessTable = processTable()): number[] {
  const found: number[] = [];
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop()!;
    found.push(current);
    stack.push(...(table.children.get(current) ?? []));
  }
  return found;
}

/** Each process of `pid`'s tree with its name and resident memory (bytes), largest first. */
export function treeRssByProcess(pid: number): Array<{ pid: number; name: string; rss: number }> {
  const table = processTable();
  const name = (p: number) => {
    try {
      return readFileSync(`/proc/${p}/comm`, "utf8").trim();
    } catch {
      return "?";
    }
  };
  return processTree(pid, table)
    .map((p) => ({ pid: p, name: name(p), rss: table.rss.get(p) ?? 0 }))
    .sort((a, b) => b.rss - a.rss);
}

/** Resident memory (bytes) of `pid` and all its descendants, read from /proc; 0 when the process is gone. */
export function treeRss(pid: number): number {
  const table = processTable();
  return processTree(pid, table).reduce((sum, p) => sum + (table.rss.get(p) ?? 0), 0);
}

export type Timed = { ms: number; peakRss: number; code: number; output: string };

/** Runs a command to its end, timing it and sampling its tree's peak memory every 100 ms. Output is kept, not shown. */
export function runTimed(command: string, args: string[], options: { cwd: string; env: Env; timeoutMs?: number }): Promise<Timed> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let peakRss = 0;
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRss(child.pid!))), 100);
    const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : undefined;
    child.on("close", (code) => {
      clearInterval(sampler);
      if (timer) clearTimeout(timer);
      resolve({ ms: performance.now() - start, peakRss, code: code ?? 1, output });
    });
  });
}

/** Runs a command and returns its standard output; throws with its output when it fails. */
export function runQuiet(command: string, args: string[], options: SpawnOptions & { input?: string } = {}): string {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** A server started in its own process group, so stopping it stops everything it started. */
export type Server = { child: ChildProcess; log: () => string; stop: () => Promise<void> };

/** Starts a long-running command, pinned to the given CPUs with taskset when `cpus` is set. */
export function startServer(command: string, args: string[], options: { cwd: string; env: Env; cpus?: string }): Server {
  const [cmd, argv] = options.cpus ? ["taskset", ["-c", options.cpus, command, ...args]] : [command, args];
  const child = spawn(cmd, argv, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const server: Server = {
    child,
    log: () => log,
    // `next start` runs its server in a process group of its own: signal every process of the tree, not a group.
    async stop() {
      running.delete(server);
      const pids = processTree(child.pid!);
      signalAll(pids, "SIGTERM");
      for (let waited = 0; pids.some(isAlive) && waited < 5000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      signalAll(pids.filter(isAlive), "SIGKILL");
    },
  };
  running.add(server);
  return server;
}

const running = new Set<Server>();

function isAlive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already ended.
    }
  }
}

/** Kills one server and everything it started at once (kill -9: a crash, not a shutdown); resolves once they are gone. */
export async function killServer(server: Server): Promise<void> {
  running.delete(server);
  const pids = processTree(server.child.pid!);
  signalAll(pids, "SIGKILL");
  for (let waited = 0; pids.some(isAlive) && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
}

/** Kills every server still running, at once (the benchmark is exiting or was interrupted). */
export function killAllServers(): void {
  for (const server of running) signalAll(processTree(server.child.pid!), "SIGKILL");
  running.clear();
}

/**
 * How long a server may take to answer its first request. Generous on purpose: on a busy machine a slow start is not a
 * failure (a server that dies is noticed at once, through its exit code), and start-up time is not one of the
 * benchmark's figures.
 */
export const SERVER_START_TIMEOUT_MS = 300_000;

/** Waits until `url` answers (any status below 500), or throws after `timeoutMs`, or at once if `server` exits. */
export async function waitForHttp(url: string, timeoutMs = SERVER_START_TIMEOUT_MS, server?: Server): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server && server.child.exitCode !== null) throw new Error(`the server exited before answering ${url}:\n${server.log()}`);
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s${server ? `:\n${server.log()}` : ""}`);
}

let aptUpdated = false;

/** Installs Debian packages whose command is missing (as root, `apt-get update` once per run). */
export function ensureDebianPackages(wanted: Array<{ command: string; pkg: string }>): void {
  const missing = wanted.filter(({ command }) => !existsSync(command));
  if (missing.length === 0) return;
  const names = missing.map((m) => m.pkg);
  if (process.getuid?.() !== 0) throw new Error(`missing ${names.join(", ")}: run 'sudo apt-get install -y ${names.join(" ")}'`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  console.log(`[bench] installing Debian packages: ${names.join(", ")}`);
  if (!aptUpdated) {
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    aptUpdated = true;
  }
  const result = spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...names], { stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`apt-get install ${names.join(" ")} failed`);
}

