/**
 * The anchors Folio is measured against, on the same corpus and machine: Hugo building the same posts, nginx serving
 * Folio's own HTML as a static file, and the nginx configuration Folio ships (deploy/) in front of `next start`.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runTimed, startServer, waitForHttp, type Server } from "./procs";
import { median } from "./stats";

/** The Hugo site for a corpus: the theme under scripts/bench/hugo-theme, topics and tags taxonomies, RSS, sitemap. */
export function writeHugoConfig(root: string, contentDir: string, siteDir: string): string {
  mkdirSync(siteDir, { recursive: true });
  const config = path.join(siteDir, "hugo.toml");
  writeFileSync(
    config,
    [
      `baseURL = "http://127.0.0.1/"`,
      `languageCode = "en"`,
      `title = "Folio (Hugo anchor)"`,
      `theme = "hugo-theme"`,
      `themesDir = ${JSON.stringify(path.join(root, "scripts", "bench"))}`,
      `contentDir = ${JSON.stringify(contentDir)}`,
      `publishDir = ${JSON.stringify(path.join(siteDir, "public"))}`,
      `paginate = 20`,
      `enableGitInfo = false`,
      `[params]`,
      `  tagline = "Field notes on partnerships, strategy and sales"`,
      `  author = "Morgan Hale"`,
      `[taxonomies]`,
      `  topic = "topics"`,
      `  tag = "tags"`,
      `[permalinks]`,
      `  posts = "/blog/:slug/"`,
      `[outputs]`,
      `  home = ["HTML", "RSS"]`,
      `  section = ["HTML", "RSS"]`,
      `  taxonomy = ["HTML", "RSS"]`,
      `  term = ["HTML", "RSS"]`,
      `[markup.goldmark.renderer]`,
      `  unsafe = false`,
      `[markup.tableOfContents]`,
      `  startLevel = 2`,
      `  endLevel = 3`,
      `[related]`,
      `  includeNewer = true`,
      `  threshold = 1`,
      `  [[related.indices]]`,
      `    name = "topics"`,
      `    weight = 100`,
      "",
    ].join("\n"),
  );
  return config;
}

export type HugoResult = { ms: number; runs: number[]; peakRss: number; pages: number };

/** Builds the corpus with Hugo `runs` times from scratch (public/ and resources/ removed); the median time. */
export async function buildWithHugo(root: string, contentDir: string, siteDir: string, runs: number): Promise<HugoResult> {
  const config = writeHugoConfig(root, contentDir, siteDir);
  const times: number[] = [];
  let peakRss = 0;
  let pages = 0;
  for (let i = 0; i < runs; i++) {
    rmSync(path.join(siteDir, "public"), { recursive: true, force: true });
    rmSync(path.join(siteDir, "resources"), { recursive: true, force: true });
    const result = await runTimed("hugo", ["--quiet", "--config", config, "--source", siteDir, "--cacheDir", path.join(siteDir, "cache")], { cwd: siteDir, env: process.env });
    if (result.code !== 0) throw new Error(`hugo failed:\n${result.output}`);
    times.push(result.ms);
    peakRss = Math.max(peakRss, result.peakRss);
  }
  const sitemap = readFileSync(path.join(siteDir, "public", "sitemap.xml"), "utf8");
  pages = (sitemap.match(/<loc>/g) ?? []).length;
  return { ms: median(times), runs: times, peakRss, pages };
}

/** A minimal nginx main configuration around `http` directives: one worker, logs off, temp files in `dir`. */
function nginxMain(dir: string, http: string): string {
  return `worker_processes 1;
daemon off;
master_process on;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
${http}
}
`;
}

function startNginx(dir: string, config: string, url: string, cpus?: string): Promise<Server> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "nginx.conf");
  writeFileSync(file, config);
  const server = startServer("nginx", ["-c", file, "-p", dir], { cwd: dir, env: process.env, cpus });
  return waitForHttp(url, undefined, server).then(() => server);
}

/**
 * nginx serving Folio's own HTML as static files (the anchor for requests per second): each page at the path Folio
 * serves it on, with the Content-Type Folio sends.
 */
export function startStaticNginx(dir: string, port: number, pages: Record<string, string>, cpus?: string): Promise<Server> {
  const docroot = path.join(dir, "html");
  rmSync(docroot, { recursive: true, force: true });
  for (const [pathname, html] of Object.entries(pages)) {
    const file = path.join(docroot, pathname === "/" ? "index" : pathname) + ".html";
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, html);
  }
  const http = `  server {
    listen 127.0.0.1:${port};
    root ${docroot};
    charset utf-8;
    location = / { default_type "text/html; charset=utf-8"; try_files /index.html =404; }
    location / { default_type "text/html; charset=utf-8"; try_files $uri.html =404; }
  }`;
  return startNginx(dir, nginxMain(dir, http), `http://127.0.0.1:${port}/`, cpus);
}

/**
 * The shipped deploy/nginx.conf and deploy/folio-proxy.conf, made to run here: the upstream and cache folder
 * pointed at this run's, and plain HTTP on loopback in place of TLS (the anchor is plain HTTP too). Every caching
 * rule is the shipped one. Throws if the shipped file no longer has a line this relies on.
 */
export function shippedNginxConfig(root: string, dir: string, port: number, upstreamPorts: number[], refreshSecret = "bench-refresh-secret", adminPorts = upstreamPorts.slice(0, 1)): string {
  let site = readFileSync(path.join(root, "deploy", "nginx.conf"), "utf8");
  mkdirSync(dir, { recursive: true });
  const refresh = path.join(dir, "folio-refresh.conf");
  writeFileSync(refresh, `map $http_x_folio_refresh $folio_refresh {\n    default 0;\n    "${refreshSecret}" 1;\n}\n`);
  const replace = (from: RegExp, to: string) => {
    if (!from.test(site)) throw new Error(`deploy/nginx.conf no longer matches ${from}; update scripts/bench/anchors.ts`);
    site = site.replace(from, to);
  };
  replace(/(upstream folio \{\n)    server 127\.0\.0\.1:3000;\n/, `$1${upstreamPorts.map((p) => `    server 127.0.0.1:${p};\n`).join("")}`);
  replace(/(upstream folio_admin \{\n)    server 127\.0\.0\.1:3000;\n/, `$1${adminPorts.map((p) => `    server 127.0.0.1:${p};\n`).join("")}`);
  replace(/\/var\/cache\/nginx\/folio/, path.join(dir, "cache"));
  replace(/include \/etc\/nginx\/snippets\/folio-proxy\.conf;/, `include ${path.join(root, "deploy", "folio-proxy.conf")};`);
  replace(/include \/etc\/nginx\/snippets\/folio-refresh\.conf;/, `include ${refresh};`);
  replace(/unix:\/run\/folio-nginx-miss\.sock/g, `unix:${path.join(dir, "miss.sock")}`);
  replace(/server \{\n    listen 80;[\s\S]*?\n\}\n/, "");
  replace(/    listen 443 ssl http2;\n    listen \[::\]:443 ssl http2;\n/, `    listen 127.0.0.1:${port};\n`);
  replace(/    ssl_[^\n]*\n/g, "");
  return nginxMain(dir, site);
}

/**
 * Starts nginx with the shipped configuration in front of `next start` on `upstreamPorts`; the admin goes to the
 * first (one machine) unless `adminPorts` names more (instances sharing Redis).
 */
export function startShippedNginx(root: string, dir: string, port: number, upstreamPorts: number[], cpus?: string, refreshSecret?: string, adminPorts?: number[]): Promise<Server> {
  rmSync(path.join(dir, "cache"), { recursive: true, force: true });
  rmSync(path.join(dir, "miss.sock"), { force: true });
  return startNginx(dir, shippedNginxConfig(root, dir, port, upstreamPorts, refreshSecret, adminPorts), `http://127.0.0.1:${port}/`, cpus);
}
