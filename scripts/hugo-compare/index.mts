#!/usr/bin/env node
// `npm run hugo:compare -- PATH_TO_SITE [--port 3441] [--render-only] [--verbose] [--json FILE]`: the migration
// report. Builds the Hugo site with Hugo (its own theme when it builds here, else the stand-in theme in
// scripts/hugo-compare/standin) and with Folio (a production build with CONTENT_DIR at the site), then prints, per
// post, whether its old URL answers on Folio (200, or a redirect to a page that does) and what share of Hugo's
// paragraphs, list items, headings and table cells appear identically on Folio's page; a summary line last.
// --render-only skips Folio's build and server: each post's body goes through Folio's render worker directly (no
// URLs checked, refs unresolved), a quick check of the markdown pipeline alone.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fromHtml } from "hast-util-from-html";
import { readSite } from "../../lib/config/hugo-site.ts";
import { renderFileForCompare } from "../../lib/content/render/check.ts";
import { blocksOf, compareBlocks, folioContent, hugoContent } from "./blocks.mts";
import { buildFolio, fetchPage, startFolio } from "./folio.mts";
import { basePathOf, buildOwnTheme, buildStandIn, builtFile, ensureHugo, readInventory, readsUnsafe, type HugoPage } from "./hugo.mts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: "string", default: "3441" },
    "render-only": { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
    json: { type: "string" },
  },
});
const log = (line: string) => console.log(line);
// A report, not a server: a slow render is measured, not stopped (unless the caller set a limit).
process.env.FOLIO_RENDER_TIMEOUT_MS ||= "60000";

type Row = { url: string; src: string; status: string; matched: number; total: number; missing: string[] };

/** The posts of the report: regular pages with a source file (drafts and pages Hugo did not write are not posts). */
function postsOf(pages: HugoPage[]): HugoPage[] {
  return pages.filter((page) => page.kind === "page" && page.src && !page.draft && /\.(md|mdown|markdown|mdx)$/i.test(page.src));
}

/** Where a page's source may be: `content/`, or a language's own content folder (`content/en/`…). */
function contentDirsOf(site: string): string[] {
  const content = path.join(site, "content");
  const languages = existsSync(content) ? readdirSync(content, { withFileTypes: true }).filter((e) => e.isDirectory() && /^[a-z]{2}(-[a-z]+)?$/i.test(e.name)).map((e) => path.join(content, e.name)) : [];
  return [content, ...languages];
}

async function main(): Promise<number> {
  const site = path.resolve(positionals[0] ?? "");
  if (!positionals[0] || !existsSync(site)) {
    console.error("usage: npm run hugo:compare -- PATH_TO_HUGO_SITE [--port 3441] [--render-only] [--verbose] [--json FILE]");
    return 2;
  }
  ensureHugo(log);
  // One work folder per site: two sites in folders of the same name (`…/src`) never share one.
  const work = path.join(os.tmpdir(), `folio-hugo-compare-${path.basename(site)}-${createHash("sha256").update(site).digest("hex").slice(0, 8)}`);
  mkdirSync(work, { recursive: true });
  log(`[hugo:compare] building ${site} with Hugo…`);
  const standIn = buildStandIn(site, work, log);
  const own = buildOwnTheme(site, work);
  log(own ? "[hugo:compare] the site's own theme builds: comparing its pages" : "[hugo:compare] the site's own theme does not build here: comparing the stand-in theme's .Content");
  const pages = readInventory(standIn.out);
  const basePath = basePathOf(pages);
  const posts = postsOf(pages);
  // The site's settings as Folio reads them (raw HTML, heading ids); a config Folio refuses is reported by its build.
  const settings = readSite(site);
  const unsafe = settings.ok ? settings.site.unsafeHtml : readsUnsafe(site);
  const headingIds = settings.ok ? settings.site.headingIds : undefined;
  log(`[hugo:compare] ${posts.length} posts; raw HTML ${unsafe ? "kept (markup.goldmark.renderer.unsafe)" : "omitted"}; heading ids ${headingIds ?? "github"}`);

  const port = Number(values.port);
  let stop: (() => void) | undefined;
  if (!values["render-only"]) {
    buildFolio(site, port, log);
    stop = await startFolio(site, port);
  }
  const rows: Row[] = [];
  try {
    for (const post of posts) {
      const file = builtFile(own ?? standIn.out, post.url, basePath) ?? builtFile(standIn.out, post.url, basePath);
      const hugoBlocks = file ? blocksOf(hugoContent(readFileSync(file, "utf8"))) : [];
      let status = "n/a";
      let folioBlocks: string[] = [];
      if (values["render-only"]) {
        const source = contentDirsOf(site).map((dir) => path.join(dir, post.src)).find((candidate) => existsSync(candidate));
        const html = source ? await renderFileForCompare(readFileSync(source, "utf8"), post.src.endsWith(".mdx") ? "mdx" : "md", unsafe, headingIds) : "";
        folioBlocks = blocksOf(fromHtml(html, { fragment: true }));
      } else {
        const page = await fetchPage(`http://127.0.0.1:${port}`, decodeURI(post.url).startsWith(basePath) && basePath !== "/" ? `/${decodeURI(post.url).slice(basePath.length)}` : post.url);
        status = page.status === 200 ? (page.redirected ? "redirect" : "200") : String(page.status);
        folioBlocks = page.html ? blocksOf(folioContent(page.html)) : [];
      }
      const { matched, total, missing } = compareBlocks(hugoBlocks, folioBlocks);
      rows.push({ url: post.url, src: post.src, status, matched, total, missing });
    }
  } finally {
    stop?.();
  }

  for (const row of rows) {
    const share = row.total === 0 ? "no blocks" : `${row.matched}/${row.total} blocks (${((100 * row.matched) / row.total).toFixed(1)}%)`;
    log(`${row.status.padEnd(8)} ${row.url}  ${share}`);
    if (values.verbose) for (const block of row.missing.slice(0, 5)) log(`           missing: ${block.slice(0, 200)}`);
  }
  const answered = rows.filter((row) => row.status === "200" || row.status === "redirect").length;
  const matched = rows.reduce((sum, row) => sum + row.matched, 0);
  const total = rows.reduce((sum, row) => sum + row.total, 0);
  const share = total === 0 ? 100 : (100 * matched) / total;
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ site, unsafe, ownTheme: Boolean(own), stubs: standIn.stubs, rows }, null, 2)}\n`);
  const urls = values["render-only"] ? "URLs not checked (--render-only)" : `${answered}/${rows.length} old URLs answer`;
  log(`hugo:compare ${path.basename(site)}: ${rows.length} posts, ${urls}, ${matched}/${total} blocks identical (${share.toFixed(1)}%)`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`hugo:compare: ${error.message}`);
    process.exit(1);
  },
);
