import "server-only";
import path from "node:path";
import { env, readEnv } from "@/lib/config/env";
import { loadContentIndex, type ContentIndex } from "./load";
import { isPublic } from "./publish";
import { defaultRenderContext, type RenderContext } from "./render/context";
import type { Post } from "./schema";
import { MARKDOWN_SUFFIXES } from "./urls";

// Per loaded index, with the FOLIO_RAW_HTML it was made under (a test or a restart may change it).
const contexts = new WeakMap<ContentIndex, { rawHtml: boolean | undefined; context: RenderContext }>();

/**
 * What rendering a body needs from the site it belongs to: on a Hugo site, whether its config keeps raw HTML
 * (`markup.goldmark.renderer.unsafe`), where `ref`/`relref` targets live, and its params for the `param` shortcode;
 * on Folio's own site, the defaults (raw HTML omitted, no refs or params). FOLIO_RAW_HTML, when set, decides raw
 * HTML on either. One per loaded index.
 */
export function renderContextFor(index: ContentIndex): RenderContext {
  const rawHtml = readEnv("FOLIO_RAW_HTML");
  const known = contexts.get(index);
  if (known && known.rawHtml === rawHtml) return known.context;
  const { site } = index;
  const targets = [...index.posts, ...index.pages, ...index.translations];
  const context: RenderContext =
    site.kind === "hugo"
      ? {
          unsafeHtml: rawHtml ?? site.unsafeHtml,
          headingIds: site.headingIds,
          baseURL: env().siteUrl,
          resolveRef: (target, from) => resolveRef(targets, target, from),
          param: (name) => paramText(site.params[name.toLowerCase()]),
        }
      : { ...defaultRenderContext(), unsafeHtml: rawHtml ?? false };
  contexts.set(index, { rawHtml, context });
  return context;
}

/** The render context of the site being served (CONTENT_DIR). */
export async function siteRenderContext(): Promise<RenderContext> {
  return renderContextFor(await loadContentIndex());
}

function paramText(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

/**
 * Hugo's `ref`/`relref` lookup, as far as a reader can tell: a path to a content file (from the content folder, or
 * relative to the referring page's folder), a bundle's folder, or a bare file name; `#anchor` kept; the referring
 * page's language first. Only public posts and pages resolve: a link to a draft would reveal it.
 */
export function resolveRef(candidates: readonly Post[], target: string, from: Post): string | undefined {
  const hash = target.indexOf("#");
  const anchor = hash === -1 ? "" : target.slice(hash);
  const wanted = (hash === -1 ? target : target.slice(0, hash)).replace(/\\/g, "/").replace(/\/+$/, "");
  if (wanted === "") return anchor ? `${from.path}${anchor}` : undefined;
  const now = Date.now();
  const fromDir = path.posix.dirname(from.file);
  // A translation by file name (`a.fr.md`) is found under its original's name from a page in the same language.
  const translated = (base: string): string[] => {
    if (!from.lang) return [];
    const [, stem, extension] = new RegExp(`^(.*?)(\\.(?:${MARKDOWN_SUFFIXES}))?$`).exec(base)!;
    return extension ? [`${stem}.${from.lang}${extension}`] : [`${stem}.${from.lang}.md`, `${stem}.${from.lang}.markdown`, `${stem}/index.${from.lang}.md`];
  };
  const names = (base: string) => [base, ...translated(base), `${base}.md`, `${base}.markdown`, `${base}.mdx`, `${base}/index.md`, `${base}/_index.md`];
  const relative = names(path.posix.normalize(path.posix.join(fromDir, wanted)));
  const rooted = names(wanted.replace(/^\/+/, ""));
  const matches = (post: Post) =>
    relative.includes(post.file) || rooted.some((name) => post.file === name || post.file.endsWith(`/${name}`));
  // A translation's link goes to the page in its own language when there is one (Hugo's lookup is per language).
  const found = candidates.find((post) => post.lang === from.lang && matches(post) && isPublic(post, now)) ?? candidates.find((post) => matches(post) && isPublic(post, now));
  return found ? `${found.path}${anchor}` : undefined;
}
