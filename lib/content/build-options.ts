/**
 * What keeps a Hugo page out of the built site besides `draft` and its dates: its build options (`_build`), a
 * headless bundle, a draft section above it, and what a section's `cascade` sets for the pages below it. Hugo
 * 0.111.3, probed (lib/content/build-options.test.ts): a page under a draft section is not built, whatever it says
 * itself; `_build: {render: never}` builds no page; `list: never` leaves it out of lists; `headless: true` builds a
 * leaf bundle's page nowhere; a `cascade` applies to its section and everything below it that does not set the key
 * itself, the nearest section's first, narrowed by `_target` (`path` glob, `kind`, `lang`, `environment`).
 *
 * Folio serves a page or leaves it out entirely: one that Hugo renders but lists nowhere (`list: never` or `local`)
 * is left out too, with the reason, rather than shown in lists Hugo keeps it from. So `hiddenBy` is the only output.
 */

import { lowerCaseKeys } from "./fields";
import type { ContentIssue } from "./parse";

/** The keys of a cascade that Folio acts on; see `otherCascadeKeys` for the rest. */
const VISIBILITY_KEYS = new Set(["draft", "_build"]);

/**
 * Hugo 0.123's spellings of `_build` and `_target`. Hugo 0.111.3 reads neither (probed: a page with `build: {render:
 * never}` is built, and a cascade's `target:` narrows nothing), so Folio does not either; content:check says so.
 */
export const NEWER_SPELLINGS: Readonly<Record<string, string>> = { build: "_build", target: "_target" };

/**
 * A page's own build options: why Hugo would not build it (`hiddenBy`), and which of `draft` and `_build` it sets
 * itself (`buildKeys`), which no section's cascade overrides.
 */
export function ownBuild(data: Readonly<Record<string, unknown>>, isBundleIndex: boolean): { hiddenBy?: string; buildKeys: string[] } {
  const lower = lowerCaseKeys(data);
  const buildKeys = ["draft", "_build"].filter((key) => key in lower);
  const hiddenBy = buildOf(lower) ?? (isBundleIndex && lower.headless === true ? "`headless: true`: Hugo builds no page for a headless bundle" : undefined);
  return { ...(hiddenBy !== undefined ? { hiddenBy } : {}), buildKeys };
}

/** content:check's warning for a page left out for `reason`. */
export function notBuiltIssue(file: string, reason: string): ContentIssue {
  return { file, field: "build", message: `left out of the site: ${reason}`, severity: "warning", kind: "hugo-not-built" };
}

function buildOf(data: Readonly<Record<string, unknown>>): string | undefined {
  const options = data._build;
  if (!options || typeof options !== "object" || Array.isArray(options)) return undefined;
  const lower = Object.fromEntries(Object.entries(options).map(([k, v]) => [k.toLowerCase(), typeof v === "string" ? v.toLowerCase() : v]));
  if (lower.render === false || lower.render === "never" || lower.render === "link") return `\`_build: {render: ${String(lower.render)}}\`: Hugo builds no page for it`;
  if (lower.list === false || lower.list === "never" || lower.list === "local") {
    return `\`_build: {list: ${String(lower.list)}}\`: Hugo lists it nowhere, and Folio serves no unlisted pages`;
  }
  return undefined;
}

/** One `cascade` entry of a section: the values it sets (lowercased keys) and the pages it is for. */
export type Cascade = { values: Record<string, unknown>; target?: { path?: (path: string) => boolean; kind?: string; lang?: string; environment?: string } };

/** A section as the cascade sees it: its folder (content-relative, "" for the home page), own front matter, cascades. */
export type CascadeSection = { dir: string; file?: string; draft: boolean; ownKeys: ReadonlySet<string>; cascades: Cascade[] };

type GlobToken = { kind: "text"; text: string } | { kind: "one" | "star" | "any" } | { kind: "either"; options: string[] };

// A `_target.path` is a few dozen characters; a longer one (front matter allows 16 KiB) matches nothing.
const MAX_GLOB_LENGTH = 1024;

/**
 * A Hugo glob (gobwas, as `_target.path` takes it), case-insensitive: `**` crosses folders, `*` and `?` do not,
 * `{a,b}` is either. Matched by dynamic programming, in time proportional to the glob's length times the path's:
 * a regular expression made of the glob (`.*a.*a.*a…`) backtracks exponentially on a path it does not match.
 */
export function compileGlob(glob: string): (path: string) => boolean {
  if (glob.length > MAX_GLOB_LENGTH) return () => false;
  const tokens: GlobToken[] = [];
  const lower = glob.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i]!;
    const close = c === "{" ? lower.indexOf("}", i) : -1;
    if (c === "*" && lower[i + 1] === "*") {
      tokens.push({ kind: "any" });
      i++;
    } else if (c === "*") tokens.push({ kind: "star" });
    else if (c === "?") tokens.push({ kind: "one" });
    else if (close !== -1) {
      tokens.push({ kind: "either", options: lower.slice(i + 1, close).split(",") });
      i = close;
    } else tokens.push({ kind: "text", text: c });
  }
  return (path) => {
    const text = path.toLowerCase();
    const n = text.length;
    // next[j]: the tokens after the current one match text from j on; the last row: only the end matches nothing.
    let next: boolean[] = Array.from({ length: n + 1 }, (_, j) => j === n);
    for (let t = tokens.length - 1; t >= 0; t--) {
      const token = tokens[t]!;
      const current: boolean[] = new Array(n + 1).fill(false);
      for (let j = n; j >= 0; j--) {
        const c = text[j];
        if (token.kind === "text") current[j] = c === token.text && next[j + 1]!;
        else if (token.kind === "one") current[j] = c !== undefined && c !== "/" && next[j + 1]!;
        else if (token.kind === "star") current[j] = next[j]! || (c !== undefined && c !== "/" && current[j + 1]!);
        else if (token.kind === "any") current[j] = next[j]! || (c !== undefined && current[j + 1]!);
        else if (token.kind === "either") current[j] = token.options.some((option) => text.startsWith(option, j) && next[j + option.length]!);
      }
      next = current;
    }
    return next[0]!;
  };
}

/** Reads a section's `cascade` (a map, or a list of maps, each with an optional `_target`). */
export function readCascades(value: unknown): Cascade[] {
  const entries = Array.isArray(value) ? value : value && typeof value === "object" ? [value] : [];
  return entries.flatMap((entry): Cascade[] => {
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) return [];
    const values: Record<string, unknown> = {};
    let target: Cascade["target"];
    for (const [key, v] of Object.entries(entry as Record<string, unknown>)) {
      if (key.toLowerCase() !== "_target") values[key.toLowerCase()] = v;
      else if (v && typeof v === "object") {
        const t = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k.toLowerCase(), typeof x === "string" ? x : undefined]));
        target = { ...(t.path ? { path: compileGlob(t.path) } : {}), ...(t.kind ? { kind: t.kind.toLowerCase() } : {}), ...(t.lang ? { lang: t.lang } : {}), ...(t.environment ? { environment: t.environment } : {}) };
      }
    }
    return [{ values, ...(target ? { target } : {}) }];
  });
}

/** A page or section as a `_target` sees it: its content path (`/post/a/b.md`, `/post/a` for a section) and kind. */
type Targeted = { path: string; kind: "page" | "section"; lang: string };

function applies(cascade: Cascade, to: Targeted): boolean {
  const target = cascade.target;
  if (!target) return true;
  if (target.kind && target.kind !== to.kind) return false;
  if (target.lang && target.lang !== to.lang) return false;
  // Folio serves what `hugo` builds for production, Hugo's default environment.
  if (target.environment && target.environment !== "production") return false;
  return !target.path || target.path(to.path);
}

/** The sections above `dir` (content-relative), nearest first, the home page ("") last. */
function ancestors(sections: ReadonlyMap<string, CascadeSection>, dir: string, self: boolean): CascadeSection[] {
  const out: CascadeSection[] = [];
  const parts = dir === "" ? [] : dir.split("/");
  for (let n = self ? parts.length : parts.length - 1; n >= 0; n--) {
    const section = sections.get(parts.slice(0, n).join("/"));
    if (section) out.push(section);
  }
  return out;
}

/** The value the nearest applicable cascade gives `key` for a page or section without it. */
function cascaded(chain: readonly CascadeSection[], key: string, to: Targeted): { value: unknown; from: CascadeSection } | undefined {
  for (const section of chain) {
    for (const cascade of section.cascades) if (key in cascade.values && applies(cascade, to)) return { value: cascade.values[key], from: section };
  }
  return undefined;
}

const where = (section: CascadeSection) => section.file ?? `${section.dir || "the home page"}/`;

/**
 * Which sections are drafts once cascades are applied (a section's own `draft` wins), for `hiddenBySections`.
 * `sections` are keyed by their content-relative folder.
 */
export function withCascadedDrafts<S extends CascadeSection>(sections: readonly S[], lang: string): Map<string, S> {
  const byDir = new Map(sections.map((s) => [s.dir, s]));
  const resolved = new Map<string, S>();
  for (const section of sections) {
    if (section.ownKeys.has("draft")) resolved.set(section.dir, section);
    else {
      const chain = ancestors(byDir, section.dir, true);
      const from = cascaded(chain, "draft", { path: `/${section.dir}`, kind: "section", lang });
      resolved.set(section.dir, { ...section, draft: from?.value === true });
    }
  }
  return resolved;
}

/**
 * Why a page in folder `dir` (content-relative) is not built because of the sections above it: one of them is a
 * draft, or a cascade gives it `draft: true` or build options that keep it out. `ownKeys` are the page's own
 * (lowercased) front-matter keys: what it sets itself, no cascade overrides.
 */
export function hiddenBySections(sections: ReadonlyMap<string, CascadeSection>, page: { file: string; dir: string; lang: string; ownKeys: ReadonlySet<string> }): string | undefined {
  const chain = ancestors(sections, page.dir, true);
  const draftSection = chain.find((s) => s.draft);
  if (draftSection) return `its section is a draft (${where(draftSection)}): Hugo builds nothing below a draft section`;
  const to: Targeted = { path: `/${page.file}`, kind: "page", lang: page.lang };
  if (!page.ownKeys.has("draft")) {
    const draft = cascaded(chain, "draft", to);
    if (draft?.value === true) return `\`draft: true\` cascades from ${where(draft.from)}`;
  }
  if (!page.ownKeys.has("_build")) {
    const build = cascaded(chain, "_build", to);
    const reason = build && buildOf({ _build: build.value });
    if (reason) return `${reason} (cascades from ${where(build.from)})`;
  }
  return undefined;
}

/**
 * Keys a section cascades that Folio does not apply (it applies draft and build options), for a warning: the fields
 * Folio uses (`used`), and Hugo 0.123's `build` and `target`, which Hugo 0.111 ignores too.
 */
export function otherCascadeKeys(cascades: readonly Cascade[], used: (key: string) => boolean): string[] {
  return [...new Set(cascades.flatMap((c) => Object.keys(c.values)))].filter((key) => !VISIBILITY_KEYS.has(key) && (used(key) || key in NEWER_SPELLINGS)).sort();
}
