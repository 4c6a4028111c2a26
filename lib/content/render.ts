import "server-only";
import rehypeShiki from "@shikijs/rehype";
import path from "node:path";
import type { Element, ElementContent, Root as HastRoot } from "hast";
import { toString } from "hast-util-to-string";
import { compileMDX } from "next-mdx-remote/rsc";
import type { ReactElement } from "react";
import rehypeAutolinkHeadings from "rehype-autolink-headings";
import rehypeExternalLinks from "rehype-external-links";
import rehypeSlug from "rehype-slug";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified, type PluggableList } from "unified";
import { visit } from "unist-util-visit";
import { z } from "zod";
import { cacheFolder, cacheKey, codeFingerprint, readCacheFile, writeCacheFile } from "./disk-cache";
import { rehypeSafeUrls, remarkSafeJsx } from "./safety";
import { rehypeTableScroll } from "./table-scroll";
import { remarkTypographer } from "./typography";
import type { Post } from "./schema";

const headingSchema = z.object({ id: z.string(), text: z.string(), depth: z.number().int().min(2).max(6) });

/** A section heading of a post, for the table of contents. */
export type Heading = z.infer<typeof headingSchema>;

// Code blocks in these languages are highlighted; any other language is shown as plain text.
const CODE_LANGUAGES = ["bash", "shell", "css", "diff", "html", "javascript", "js", "json", "jsx", "markdown", "python", "sql", "ts", "tsx", "typescript", "yaml"];

/** GFM, then Hugo's typographer (typography.ts, which titles and descriptions share). */
export const remarkPlugins: PluggableList = [remarkGfm, remarkTypographer];

function collectHeadings(into: Heading[]) {
  return () => (tree: HastRoot) => {
    visit(tree, "element", (node: Element) => {
      const depth = /^h([2-6])$/.exec(node.tagName)?.[1];
      // GFM's footnotes section has a visually hidden "Footnotes" heading: it is not a section of the essay.
      if (depth && typeof node.properties.id === "string" && node.properties.id !== "footnote-label") {
        into.push({ id: node.properties.id, text: toString(node).trim(), depth: Number(depth) });
      }
    });
  };
}

function anchorFor(heading: Element): ElementContent[] {
  return [{ type: "element", tagName: "span", properties: { ariaHidden: "true" }, children: [{ type: "text", value: "#" }] }];
}

function rehypePlugins(headings: Heading[]): PluggableList {
  return [
    rehypeSafeUrls,
    rehypeTableScroll,
    rehypeSlug,
    collectHeadings(headings),
    [
      rehypeAutolinkHeadings,
      {
        behavior: "append",
        content: anchorFor,
        properties: (heading: Element) => ({ className: ["heading-anchor"], ariaLabel: `Link to “${toString(heading).trim()}”` }),
      },
    ],
    [rehypeExternalLinks, { rel: ["noopener", "noreferrer"] }],
    [
      rehypeShiki,
      { themes: { light: "github-light-high-contrast", dark: "github-dark-high-contrast" }, defaultColor: false, langs: CODE_LANGUAGES, defaultLanguage: "text", fallbackLanguage: "text" },
    ],
  ];
}

const renderedMarkdownSchema = z.object({ html: z.string(), headings: z.array(headingSchema) });

/** The rendered body of a markdown post: HTML built from markdown alone (raw HTML in the source is dropped). */
export type RenderedMarkdown = z.infer<typeof renderedMarkdownSchema>;

/**
 * Renders CommonMark + GFM to HTML. The source is never compiled as MDX: `<`, `{` and HTML comments are text,
 * and raw HTML is dropped rather than passed through, so nothing in a `.md` file can run in a reader's browser.
 */
export async function renderMarkdown(markdown: string): Promise<RenderedMarkdown> {
  const headings: Heading[] = [];
  const file = await unified()
    .use(remarkParse)
    .use(remarkPlugins)
    .use(remarkRehype)
    .use(rehypePlugins(headings))
    .use(rehypeStringify)
    .process(markdown);
  return { html: String(file), headings };
}

export type RenderedPost = { headings: Heading[] } & ({ html: string } | { content: ReactElement });

/** The MDX components a post may use, by name. */
export type MdxComponents = NonNullable<Parameters<typeof compileMDX>[0]["components"]>;

const cache = new Map<string, Promise<RenderedPost>>();
const CACHE_ENTRIES = 200;

// The code a rendering depends on: a change to either file (or to any dependency) makes every disk entry a miss.
const RENDER_SOURCES = ["lib/content/render.ts", "lib/content/safety.ts"];

/**
 * Markdown through the disk cache: keyed by the body itself and the pipeline's code, so a rebuild, another build
 * worker or a new server process reuses the HTML an unchanged post already rendered to.
 */
async function renderMarkdownCached(markdown: string): Promise<RenderedMarkdown> {
  const folder = cacheFolder("render");
  const fingerprint = codeFingerprint(RENDER_SOURCES);
  if (!folder || !fingerprint) return renderMarkdown(markdown);
  const key = cacheKey(fingerprint, "md", markdown);
  const file = path.join(/* turbopackIgnore: true */ folder, key.slice(0, 2), `${key}.json`);
  const cached = readCacheFile(file, renderedMarkdownSchema);
  if (cached) return cached;
  const rendered = await renderMarkdown(markdown);
  writeCacheFile(file, rendered);
  return rendered;
}

async function renderUncached(post: Post, components: MdxComponents): Promise<RenderedPost> {
  if (post.format === "md") return renderMarkdownCached(post.body);
  const headings: Heading[] = [];
  const { content } = await compileMDX({
    source: post.body,
    components,
    options: {
      // blockJS (the default) strips `{expressions}`, `import` and `export`; it stays on, stated here on purpose.
      blockJS: true,
      blockDangerousJS: true,
      mdxOptions: {
        remarkPlugins: [...remarkPlugins, remarkSafeJsx(Object.keys(components))],
        rehypePlugins: rehypePlugins(headings),
        format: "mdx",
      },
    },
  });
  return { content, headings };
}

/**
 * Renders a post's body (markdown to HTML, or MDX with the one component map), with its headings.
 * Results are kept by the file's hash, so an unchanged post is rendered once per process; markdown is also kept on
 * disk across processes and builds (renderMarkdownCached).
 */
export function renderPost(post: Post, components: MdxComponents): Promise<RenderedPost> {
  const key = `${post.hash}:${post.format}`;
  let rendered = cache.get(key);
  if (!rendered) {
    rendered = renderUncached(post, components);
    rendered.catch(() => cache.delete(key));
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, rendered);
  }
  return rendered;
}
