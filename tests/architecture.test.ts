import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The import directions of the house (docs/architecture.md), checked on every import statement of every
// .ts/.tsx file: `npx vitest run tests/architecture.test.ts`.

const root = path.join(__dirname, "..");
const SCANNED = ["app", "components", "lib", "scripts", "tests", "e2e", "proxy.ts", "next.config.ts", "instrumentation.ts"];
// This file's own examples of wrong arrows are strings, not imports.
const SKIPPED = new Set(["node_modules", "fixtures", "architecture.test.ts"]);

/**
 * Which lib folders each lib folder may import. config/, redis/ and fs/ are the foundations; content/ builds on them alone;
 * the features above it never import each other in a circle. A new folder must be added here, on purpose.
 */
const LIB_LAYERS: Record<string, readonly string[]> = {
  config: [],
  redis: [],
  fs: ["redis"],
  content: ["config", "fs"],
  auth: ["config", "fs", "http", "redis"],
  http: ["config", "redis"],
  admin: ["config", "fs", "content", "auth", "cache"],
  search: ["config", "content"],
  seo: ["config", "content", "http"],
  feeds: ["config", "content", "seo"],
  cache: ["config", "content", "redis"],
  routing: ["config", "content", "http"],
  // Share links: their own store, the post they open (lib/admin finds its file).
  share: ["config", "fs", "http", "content", "admin"],
};

/** lib/content's entries: everything outside lib/content imports one of these, never a module behind them. */
const CONTENT_ENTRY = "lib/content/index.ts";
const CONTENT_SHARED = "lib/content/shared.ts";
/**
 * Command-line scripts (content:check, the benchmark) run under tsx outside Next.js and need only the loader: the
 * entry would also load the React render pipeline, whose MDX compiler tsx cannot require (estree-walker is ESM-only)
 * and which would triple content:check's start-up. They may import these modules directly.
 */
// render/check.ts renders through the render worker's bundle (no parser loaded here); render/canonical.ts is
// hugo:compare's HTML normaliser, shared with the pipeline's tests.
const SCRIPT_CONTENT_MODULES = new Set(["lib/content/load.ts", "lib/content/parse.ts", "lib/content/prerender.ts", "lib/content/report.ts", "lib/content/render/check.ts", "lib/content/render/canonical.ts", "lib/content/render-context.ts"]);

type Edge = { from: string; to: string };

function sourceFiles(entry: string): string[] {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return /\.(ts|tsx|mts)$/.test(entry) ? [entry] : [];
  return readdirSync(full).flatMap((name) => (SKIPPED.has(name) ? [] : sourceFiles(path.posix.join(entry, name))));
}

/** Every module specifier of a file: `import … from`, `export … from`, `import "x"` and `import("x")`. */
export function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const pattern of [/\bfrom\s*["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g, /^\s*import\s*["']([^"']+)["']/gm]) {
    for (const match of source.matchAll(pattern)) found.push(match[1]!);
  }
  return found;
}

/** The repository file a project specifier names (`@/…` or relative), null for a package; throws when unresolved. */
function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return null;
  // As TypeScript resolves them: `./x.mjs` may name `x.mts` (a test imports a script's module by its output name).
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mts`, `${base}/index.ts`, base.replace(/\.mjs$/, ".mts")]) {
    const full = path.join(root, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  throw new Error(`${from}: cannot resolve '${spec}'`);
}

const libFolder = (file: string) => /^lib\/([^/]+)\//.exec(file)?.[1];

/** What is wrong with one import arrow, or null. */
export function violation({ from, to }: Edge): string | null {
  const arrow = `${from} → ${to}`;
  if (/^(lib|components)\//.test(from) && to.startsWith("app/")) return `${arrow}: lib/ and components/ never import app/`;
  // Tests of lib code may render with the real components (the MDX map); lib code itself takes them as arguments.
  if (from.startsWith("lib/") && !/\.test\.tsx?$/.test(from) && to.startsWith("components/")) return `${arrow}: lib/ never imports components/`;
  const source = libFolder(from);
  const target = libFolder(to);
  if (from.startsWith("lib/") && !source) return `${from}: a loose file in lib/; put it in the folder it serves`;
  if (source && target && source !== target) {
    const allowed = LIB_LAYERS[source];
    if (!allowed) return `${arrow}: lib/${source}/ is not in LIB_LAYERS (tests/architecture.test.ts)`;
    if (!allowed.includes(target)) return `${arrow}: lib/${source}/ may import only ${allowed.map((f) => `lib/${f}/`).join(", ") || "itself"}`;
  }
  const scriptDoor = from.startsWith("scripts/") && !/\.test\.ts$/.test(from) && SCRIPT_CONTENT_MODULES.has(to);
  if (target === "content" && source !== "content" && to !== CONTENT_ENTRY && to !== CONTENT_SHARED && !scriptDoor) {
    return `${arrow}: outside lib/content, import '@/lib/content' (or '@/lib/content/shared'), not its internals`;
  }
  if (from.startsWith("components/") && to === CONTENT_ENTRY) {
    return `${arrow}: components import '@/lib/content/shared', which holds no server-only code`;
  }
  return null;
}

function projectEdges(): Edge[] {
  return SCANNED.flatMap(sourceFiles).flatMap((from) =>
    specifiers(readFileSync(path.join(root, from), "utf8")).flatMap((spec) => {
      const to = resolve(from, spec);
      return to ? [{ from, to }] : [];
    }),
  );
}

describe("import directions", () => {
  it("flags each kind of wrong arrow (so the check below can fail)", () => {
    const wrong: Edge[] = [
      { from: "components/admin/posts-table.tsx", to: "app/admin/actions.ts" },
      { from: "lib/content/write.ts", to: "lib/admin/audit.ts" },
      { from: "lib/content/load.ts", to: "lib/auth/config.ts" },
      { from: "lib/config/site.ts", to: "lib/content/index.ts" },
      { from: "lib/seo/metadata.ts", to: "lib/feeds/feeds.ts" },
      { from: "lib/feeds/feeds.ts", to: "lib/content/posts.ts" },
      { from: "app/(site)/page.tsx", to: "lib/content/posts.ts" },
      { from: "scripts/content-check.ts", to: "lib/content/render.ts" },
      { from: "scripts/bench/corpus.test.ts", to: "lib/content/parse.ts" },
      { from: "components/post-meta.tsx", to: "lib/content/index.ts" },
      { from: "lib/feeds/feeds.ts", to: "components/mdx.tsx" },
      { from: "lib/stray.ts", to: "lib/config/env.ts" },
      { from: "lib/newfolder/x.ts", to: "lib/config/env.ts" },
    ];
    for (const edge of wrong) expect(violation(edge), `${edge.from} → ${edge.to}`).not.toBeNull();
    const right: Edge[] = [
      { from: "lib/content/load.ts", to: "lib/config/env.ts" },
      { from: "lib/content/write.ts", to: "lib/fs/atomic.ts" },
      { from: "lib/admin/featured.ts", to: "lib/content/index.ts" },
      { from: "components/post-meta.tsx", to: "lib/content/shared.ts" },
      { from: "app/admin/actions.ts", to: "components/admin/featured-switch.tsx" },
      { from: "lib/content/render.test.ts", to: "lib/content/render.ts" },
      { from: "scripts/content-check.ts", to: "lib/content/load.ts" },
    ];
    for (const edge of right) expect(violation(edge), `${edge.from} → ${edge.to}`).toBeNull();
  });

  it("reads the imports of every source file", () => {
    expect(specifiers('import a from "x";\nimport type { B } from "@/y";\nexport { c } from "./z";\nimport "server-only";\nawait import("./w");')).toEqual(["x", "@/y", "./z", "./w", "server-only"]);
    const edges = projectEdges();
    expect(new Set(edges.map((e) => e.from)).size).toBeGreaterThan(100);
    expect(edges.some((e) => e.to === CONTENT_ENTRY)).toBe(true);
  });

  it("has no wrong arrow anywhere in the project", () => {
    expect(projectEdges().flatMap((edge) => violation(edge) ?? [])).toEqual([]);
  });
});
