import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";

/**
 * Finding and reading a Hugo site's configuration the way Hugo 0.111 does: one root file (`hugo.*` before
 * `config.*`, TOML, YAML or JSON) and the folder `config/_default/`, whose files are merged over it (`hugo.toml`
 * and `config.toml` at the top, `params.toml` under `params`, `languages.fr.toml` under `languages.fr`,
 * `menus.en.toml` under `languages.en.menus`). Keys are case-insensitive in Hugo, so every key is lower-cased
 * here; each top-level key remembers the file it came from, so an error can name the file and the key.
 */

/** Root config files, in the order Hugo 0.111 looks for them: the first that exists is the one it reads. */
export const ROOT_CONFIG_NAMES = ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"];
const CONFIG_DIR = path.join("config", "_default");
const CONFIG_EXT = /\.(toml|ya?ml|json)$/;
// A site's configuration is a few KB; anything this large is not one, and is never parsed.
const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_CONFIG_FILES = 64;

export type ConfigMap = Record<string, unknown>;

/** The merged configuration, lower-cased keys, with the file each top-level key was read from. */
export type HugoConfig = { data: ConfigMap; origin: Record<string, string>; files: string[] };

export type HugoConfigResult = { ok: true; config: HugoConfig } | { ok: false; error: string };

/** The config files a folder holds, relative to it (none: it is not a Hugo site root). */
export function hugoConfigFiles(root: string): string[] {
  const files: string[] = [];
  const rootFile = ROOT_CONFIG_NAMES.find((name) => isFile(path.join(/* turbopackIgnore: true */ root, name)));
  if (rootFile) files.push(rootFile);
  const dir = path.join(/* turbopackIgnore: true */ root, CONFIG_DIR);
  if (isDirectory(dir)) {
    const names = readdirSync(dir)
      .filter((name) => CONFIG_EXT.test(name) && isFile(path.join(/* turbopackIgnore: true */ dir, name)))
      .sort();
    files.push(...names.slice(0, MAX_CONFIG_FILES).map((name) => path.posix.join("config", "_default", name)));
  }
  return files;
}

function isFile(full: string): boolean {
  try {
    return statSync(full).isFile();
  } catch {
    return false;
  }
}

function isDirectory(full: string): boolean {
  try {
    return statSync(full).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `root` is the root of a Hugo site: a config file (or config/_default/) beside its content. */
export function isHugoSiteRoot(root: string): boolean {
  return hugoConfigFiles(root).length > 0 && existsSync(root);
}

function parseConfigText(text: string, file: string): ConfigMap {
  const ext = CONFIG_EXT.exec(file)![1]!;
  // YAML on the core schema: `yes` stays a string and nothing is evaluated, as for front matter.
  const value: unknown = ext === "toml" ? parseToml(text) : ext === "json" ? JSON.parse(text) : parseYaml(text, { schema: "core", maxAliasCount: 50 });
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw new Error("must be a table of settings, not a single value");
  return value as ConfigMap;
}

/** Lower-cases every key of every table, as Hugo reads its configuration (a `[Params]` table is `params`). */
export function lowerKeys(value: unknown, depth = 0): unknown {
  if (depth > 32) throw new Error("is nested too deeply to be a configuration");
  if (Array.isArray(value)) return value.map((item) => lowerKeys(item, depth + 1));
  if (value instanceof Date || value === null || typeof value !== "object") return value;
  const out: ConfigMap = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
    out[key.toLowerCase()] = lowerKeys(item, depth + 1);
  }
  return out;
}

function isTable(value: unknown): value is ConfigMap {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Merges `over` into `base`: tables merge key by key, anything else is replaced. */
function mergeInto(base: ConfigMap, over: ConfigMap): ConfigMap {
  for (const [key, value] of Object.entries(over)) {
    const current = base[key];
    base[key] = isTable(current) && isTable(value) ? mergeInto({ ...current }, value) : value;
  }
  return base;
}

/** Where a config/_default file's settings go: `params.toml` → ["params"], `languages.fr.toml` → ["languages", "fr"]. */
function mountPoint(file: string): string[] {
  const base = path.posix.basename(file).replace(CONFIG_EXT, "").toLowerCase();
  if (!file.startsWith("config/")) return [];
  if (base === "hugo" || base === "config") return [];
  const parts = base.split(".");
  if (parts[0] === "menus" && parts.length === 2) return ["languages", parts[1]!, "menus"];
  return parts;
}

function nest(keys: string[], value: ConfigMap): ConfigMap {
  return keys.reduceRight<ConfigMap>((inner, key) => ({ [key]: inner }), value);
}

/**
 * Reads and merges a Hugo site's configuration. Never throws: a file that cannot be read or parsed is an error
 * naming it.
 */
export function readHugoConfig(root: string): HugoConfigResult {
  const files = hugoConfigFiles(root);
  const data: ConfigMap = {};
  const origin: Record<string, string> = {};
  for (const file of files) {
    let parsed: ConfigMap;
    try {
      const full = path.join(/* turbopackIgnore: true */ root, file);
      const size = statSync(full).size;
      if (size > MAX_CONFIG_BYTES) return { ok: false, error: `${file}: is ${size} bytes; a site configuration is at most ${MAX_CONFIG_BYTES} bytes` };
      parsed = lowerKeys(parseConfigText(readFileSync(full, "utf8"), file)) as ConfigMap;
    } catch (e) {
      return { ok: false, error: `${file}: could not be read: ${(e as Error).message.split("\n")[0]}` };
    }
    const placed = nest(mountPoint(file), parsed);
    // A key set again by a later file names that file in errors: its value is the one that counts.
    for (const key of Object.keys(placed)) origin[key] = file;
    mergeInto(data, placed);
  }
  return { ok: true, config: { data, origin, files } };
}
