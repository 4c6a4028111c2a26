import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Hugo's side of the migration report: Debian's hugo (installed when missing), the site built, its page inventory. */

const STANDIN = path.join(path.dirname(fileURLToPath(import.meta.url)), "standin");

/** The hugo binary, installed with apt-get when missing (root only, as the project's scripts do). */
export function ensureHugo(log: (line: string) => void): string {
  if (spawnSync("hugo", ["version"], { stdio: "ignore" }).status === 0) return "hugo";
  if (process.getuid?.() !== 0) throw new Error("hugo is not installed; run: sudo apt-get install -y hugo");
  log("[hugo:compare] installing Debian's hugo…");
  if (spawnSync("apt-get", ["install", "-y", "hugo"], { stdio: "inherit" }).status !== 0) {
    execFileSync("apt-get", ["update"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "hugo"], { stdio: "inherit" });
  }
  return "hugo";
}

export type HugoPage = { src: string; kind: string; lang: string; section: string; url: string; aliases: string[] | null; draft: boolean; title: string };

function hugo(site: string, args: string[]): { ok: boolean; output: string } {
  const result = spawnSync("hugo", ["--source", site, "--quiet", ...args], {
    encoding: "utf8",
    env: { ...process.env, HUGO_IGNOREERRORS: "error-remote-getjson error-missing-instagram-accesstoken" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/**
 * Builds the site with the stand-in theme (scripts/hugo-compare/standin: `.Content` between markers, a JSON page
 * inventory in 404.html), the site's own shortcode templates copied in. A shortcode template that fails on this Hugo
 * is replaced by a stub that renders its inner content, as often as needed (each stub is listed).
 */
export function buildStandIn(site: string, work: string, log: (line: string) => void): { out: string; stubs: string[] } {
  const themes = path.join(work, "themes");
  const theme = path.join(themes, "folio-standin");
  rmSync(themes, { recursive: true, force: true });
  cpSync(STANDIN, theme, { recursive: true });
  for (const folder of ["layouts/shortcodes", "layouts/_shortcodes"]) {
    if (existsSync(path.join(site, folder))) cpSync(path.join(site, folder), path.join(theme, "layouts/shortcodes"), { recursive: true });
  }
  const out = path.join(work, "hugo-standin");
  const stubs: string[] = [];
  for (let attempt = 0; attempt < 60; attempt++) {
    rmSync(out, { recursive: true, force: true });
    const { ok, output } = hugo(site, standInArgs(work, out));
    if (ok) return { out, stubs };
    // A shortcode inside another (`blocks/lead` around `home/next_event`) fails with both named, outermost first:
    // the innermost one not stubbed yet is the one whose template fails.
    const failing = [...output.matchAll(/failed to render shortcode "([^"]+)"|template for shortcode "([^"]+)" not found|"([^"]+)": template: shortcodes\//g)];
    const name = failing.map((m) => m[1] ?? m[2] ?? m[3]!).reverse().find((candidate) => !stubs.includes(candidate));
    if (!name) throw new Error(`hugo could not build ${site} with the stand-in theme:\n${output.split("\n").slice(0, 20).join("\n")}`);
    stubs.push(name);
    const file = path.join(theme, "layouts/shortcodes", `${name}.html`);
    mkdirSync(path.dirname(file), { recursive: true });
    // A template that uses .Inner makes Hugo demand a closing tag: only give the stub one when the site closes it.
    const inner = closesShortcode(path.join(site, "content"), name) ? "{{ with .Inner }}{{ . | markdownify }}{{ end }}" : "";
    writeFileSync(file, `{{- /* STAND-IN stub: the site's "${name}" fails on this Hugo */ -}}${inner}\n`);
    log(`[hugo:compare] stand-in theme: shortcode "${name}" stubbed (its template fails on this Hugo)`);
  }
  throw new Error("hugo:compare: too many failing shortcodes");
}

/** Hugo's arguments for a build with the stand-in theme prepared in `work` (see buildStandIn). */
export function standInArgs(work: string, out: string): string[] {
  return ["--themesDir", path.join(work, "themes"), "--theme", "folio-standin", "--layoutDir", "folio-ignored-layouts", "--destination", out, "--cacheDir", path.join(work, "hugo-cache")];
}

/** One timed Hugo build (wall and CPU time, from /usr/bin/time when present). */
export function timedHugo(site: string, args: string[]): { wallMs: number; cpuMs: number | null } {
  const started = performance.now();
  const timer = existsSync("/usr/bin/time");
  const result = timer
    ? spawnSync("/usr/bin/time", ["-f", "FOLIO-CPU %U %S", "hugo", "--source", site, "--quiet", ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
    : spawnSync("hugo", ["--source", site, "--quiet", ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  const cpu = /FOLIO-CPU ([\d.]+) ([\d.]+)/.exec(result.stderr ?? "");
  return { wallMs, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null };
}

/** Whether any content file closes the shortcode (`{{< /name >}}`). */
function closesShortcode(dir: string, name: string): boolean {
  const closing = new RegExp(`\\{\\{[<%]\\s*/\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*[>%]\\}\\}`);
  const visit = (folder: string): boolean =>
    existsSync(folder) &&
    readdirSync(folder, { withFileTypes: true }).some((entry) => {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) return visit(full);
      return /\.(md|mdown|markdown|mdx|html)$/.test(entry.name) && closing.test(readFileSync(full, "utf8"));
    });
  return visit(dir);
}

/** Tries the site's own theme; null when it does not build here (the usual case offline: Hugo modules, newer Hugo). */
export function buildOwnTheme(site: string, work: string): string | null {
  const out = path.join(work, "hugo-own");
  rmSync(out, { recursive: true, force: true });
  return hugo(site, ["--destination", out, "--cacheDir", path.join(work, "hugo-cache")]).ok ? out : null;
}

/** Every page the stand-in build listed (one 404.html per language), drafts and all. */
export function readInventory(out: string): HugoPage[] {
  const pages: HugoPage[] = [];
  const visit = (dir: string, depth: number) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && depth < 2) visit(full, depth + 1);
      else if (entry.name === "404.html") {
        const match = /<script type="application\/json" id="folio-inventory">([\s\S]*?)<\/script>/.exec(readFileSync(full, "utf8"));
        if (match) for (const item of JSON.parse(match[1]!) as unknown[]) pages.push((typeof item === "string" ? JSON.parse(item) : item) as HugoPage);
      }
    }
  };
  visit(out, 0);
  const seen = new Set<string>();
  return pages.filter((page) => !seen.has(`${page.lang}:${page.url}`) && seen.add(`${page.lang}:${page.url}`));
}

/** The built file of a page, from its URL (the baseURL's path, if any, is not a folder of the output). */
export function builtFile(out: string, url: string, basePath: string): string | null {
  let rel = decodeURI(url);
  if (basePath !== "/" && rel.startsWith(basePath)) rel = `/${rel.slice(basePath.length)}`;
  for (const candidate of [path.join(out, rel), path.join(out, rel, "index.html")]) {
    if (existsSync(candidate) && candidate.endsWith(".html")) return candidate;
  }
  return null;
}

/** `markup.goldmark.renderer.unsafe` from the site's config files (TOML, YAML or JSON; root or config/_default). */
export function readsUnsafe(site: string): boolean {
  const files = ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"];
  const candidates = [...files.map((f) => path.join(site, f)), ...files.map((f) => path.join(site, "config/_default", f)), path.join(site, "config/_default/markup.toml"), path.join(site, "config/_default/markup.yaml")];
  return candidates.some((file) => existsSync(file) && /unsafe["']?\s*[:=]\s*true/.test(readFileSync(file, "utf8")));
}

/** The path part of the site's baseURL (`/hugo-PaperMod/`), `/` when none. */
export function basePathOf(pages: HugoPage[]): string {
  const homes = pages.filter((page) => page.kind === "home" && page.url.startsWith("/")).map((page) => page.url);
  return homes.sort((a, b) => a.length - b.length)[0] ?? "/";
}
