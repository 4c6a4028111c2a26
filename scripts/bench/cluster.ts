/**
 * Folio on two instances, on loopback, set up as docs/deployment.md sets it up on two machines: Redis (with its
 * append-only file, as the Debian service keeps it), two `next start` of ONE build sharing CONTENT_DIR, DATA_DIR,
 * SESSION_SECRET and REDIS_URL, and the shipped nginx in front of both (deploy/nginx.conf, templated for ports),
 * which each instance asks to refresh pages after a change. Used by e2e/scale.spec.ts and the benchmark.
 */
import { cpSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { startShippedNginx } from "./anchors";
import { addUser, folioEnv, startFolio } from "./folio";
import { killServer, type Env, type Server } from "./procs";
import { startRedisServer, type RedisServer } from "./redis-server";

export type InstanceName = "a" | "b";
export type ClusterPorts = { redis: number; a: number; b: number; nginx: number };
export type ClusterOptions = {
  root: string;
  /** The build both instances serve (FOLIO_DIST_DIR), already built. */
  distDir: string;
  /** A scratch folder: the shared content and data, nginx's files. Emptied first. */
  work: string;
  /** The site copied into the shared CONTENT_DIR. */
  contentFrom: string;
  ports: ClusterPorts;
  users: Array<{ email: string; role: string; password: string }>;
  cpus?: string;
};

export type Cluster = {
  contentDir: string;
  dataDir: string;
  origin: Record<InstanceName | "nginx", string>;
  redis: RedisServer;
  nginx: Server;
  refreshSecret: string;
  env(name: InstanceName): Env;
  /** Starts (again) an instance and waits until it answers. */
  start(name: InstanceName): Promise<void>;
  /** kill -9 of an instance's whole process tree. */
  kill(name: InstanceName): Promise<void>;
  stop(): Promise<void>;
};

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { root, work, ports } = options;
  rmSync(work, { recursive: true, force: true });
  const contentDir = path.join(work, "content");
  const dataDir = path.join(work, "data");
  cpSync(options.contentFrom, contentDir, { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const origin = { a: `http://127.0.0.1:${ports.a}`, b: `http://127.0.0.1:${ports.b}`, nginx: `http://127.0.0.1:${ports.nginx}` };
  const refreshSecret = "scale-refresh-secret-scale-refresh-secret-0123456789abcdef";
  const redis = await startRedisServer({ port: ports.redis, persist: true });
  // What every instance shares (docs/deployment.md): the folders, the secrets, Redis, the nginx to refresh.
  const shared: Env = {
    ...folioEnv({ contentDir, dataDir, distDir: options.distDir, siteUrl: origin.nginx }),
    REDIS_URL: redis.url,
    TRUST_PROXY: "1",
    FOLIO_NGINX_REFRESH_URLS: origin.nginx,
    FOLIO_NGINX_REFRESH_SECRET: refreshSecret,
  };
  const env = (name: InstanceName): Env => ({ ...shared, PORT: String(ports[name]), FOLIO_INSTANCE: `instance-${name}` });
  for (const user of options.users) addUser(root, shared, user.email, user.role, user.password);

  const servers: Partial<Record<InstanceName, Server>> = {};
  const start = async (name: InstanceName) => {
    servers[name] = await startFolio(root, env(name), ports[name], options.cpus);
  };
  await Promise.all([start("a"), start("b")]);
  const nginx = await startShippedNginx(root, path.join(work, "nginx"), ports.nginx, [ports.a, ports.b], options.cpus, refreshSecret, [ports.a, ports.b]);
  return {
    contentDir,
    dataDir,
    origin,
    redis,
    nginx,
    refreshSecret,
    env,
    start,
    async kill(name) {
      const server = servers[name];
      servers[name] = undefined;
      if (server) await killServer(server);
    },
    async stop() {
      await Promise.allSettled([nginx.stop(), servers.a?.stop(), servers.b?.stop()]);
      await redis.close();
    },
  };
}
