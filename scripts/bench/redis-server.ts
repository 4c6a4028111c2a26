import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ensureDebianPackages, freePort } from "./procs";

/**
 * A real redis-server for a test or the benchmark (never a mock): Debian's, installed when missing, on loopback, in a
 * scratch folder. Without `persist`, `stop()` kills it (as a crash would) and `start()` brings it back on the same
 * port, empty. With `persist` (the deployment's append-only file), `stop()` shuts it down cleanly and `start()`
 * brings its data back, as a restart of the service does.
 */
export type RedisServer = { url: string; port: number; start(): Promise<void>; stop(): Promise<void>; close(): Promise<void> };

export const REDIS_SERVER = "/usr/bin/redis-server";

/** Whether redis-server answers PING on `port`. */
export function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    let reply = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
    });
  });
}

export async function startRedisServer(options: { port?: number; persist?: boolean } = {}): Promise<RedisServer> {
  ensureDebianPackages([{ command: REDIS_SERVER, pkg: "redis-server" }]);
  const chosen = options.port ?? (await freePort());
  const dir = mkdtempSync(path.join(os.tmpdir(), "folio-redis-"));
  let child: ChildProcess | undefined;

  const start = async () => {
    const persistence = options.persist ? ["--appendonly", "yes", "--appendfsync", "everysec"] : ["--appendonly", "no"];
    const args = ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", ...persistence, "--dir", dir, "--daemonize", "no"];
    child = spawn(REDIS_SERVER, args, { stdio: "ignore" });
    for (let waited = 0; !(await pings(chosen)); waited += 50) {
      if (waited > 20_000 || child.exitCode !== null) throw new Error(`redis-server did not start on port ${chosen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill(options.persist ? "SIGTERM" : "SIGKILL");
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    start,
    stop,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
