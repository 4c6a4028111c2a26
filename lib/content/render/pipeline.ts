import rehypeShikiFromHighlighter from "@shikijs/rehype/core";
import type { Element, ElementContent, Root as HastRoot } from "hast";
import { toString } from "hast-util-to-string";
import type { Link, Root as MdastRoot } from "mdast";
import rehypeAutolinkHeadings from "rehype-autolink-headings";
import rehypeExternalLinks from "rehype-external-links";
import rehypeRaw from "rehype-raw";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import { defListHastHandlers, remarkDefinitionList } from "remark-definition-list";
import remarkGfm from "remark-gfm";
import remarkRehype from "remark-rehype";
import { getSingletonHighlighter } from "shiki";
import { unified, type PluggableList } from "unified";
import { EXIT, visit } from "unist-util-visit";
import { rehypeSafeUrls } from "../safety";
import { rehypeTableScroll } from "../table-scroll";
import { remarkHugoFootnotes } from "./footnotes";
import { remarkMarkdownIt } from "./markdown-it";
import { remarkHeadingAttributes, remarkHeadingIds } from "./headings";
import type { HeadingIdStyle } from "@/lib/config/heading-ids";
import { omittedHtml, rehypeIframeAllowlist, sanitizeSchema } from "./raw-html";
import { expandShortcodes, rehypeShortcodeOutputs, type ShortcodeValues } from "./shortcodes";
import { plainText } from "./text";
import { protectGuillemets, remarkTypographer } from "./typographer";
import type { Heading, RenderIssue } from "./types";

/**
 * The markdown pipeline: CommonMark + GFM parsed into mdast (by markdown-it, ./markdown-it.ts; MDX by remark), made
 * to render as Hugo 0.111's Goldmark does (see each plugin), with Folio's reader additions (heading anchor links,
 * highlighted code, rel on external links). Pure functions of their input: they run inside the render worker
 * (./worker-entry.ts), never on a request's thread.
 */

// Code blocks in these languages are highlighted; any other keeps `<pre><code class="language-x">` (mermaid too).
const CODE_LANGUAGES = new Set([
  "bash", "shell", "sh", "console", "css", "scss", "diff", "html", "xml", "javascript", "js", "json", "jsonc", "jsx", "markdown", "md",
  "python", "py", "sql", "ts", "tsx", "typescript", "yaml", "yml", "toml", "go", "rust", "java", "c", "cpp", "ruby", "php", "dockerfile", "ini", "nginx",
]);
const THEMES = { light: "github-light-high-contrast", dark: "github-dark-high-contrast" } as const;

function codeLanguage(node: Element): string | undefined {
  const code = node.tagName === "pre" ? node.children.find((child): child is Element => child.type === "element" && child.tagName === "code") : undefined;
  const classes = code?.properties.className;
  const found = Array.isArray(classes) ? classes.map(String).find((name) => name.startsWith("language-")) : undefined;
  return found?.slice("language-".length);
}

/**
 * Shiki, for code blocks in CODE_LANGUAGES only, with each grammar loaded when a post first needs it (a worker
 * starts in a second, not five); a post without such a block never starts the highlighter at all.
 */
function rehypeCode() {
  return async (tree: HastRoot) => {
    const others: Element[] = [];
    const wanted = new Set<string>();
    visit(tree, "element", (node: Element) => {
      const language = codeLanguage(node);
      if (language === undefined) return;
      if (CODE_LANGUAGES.has(language)) wanted.add(language);
      else others.push(node);
    });
    if (wanted.size === 0) return;
    // Every grammar the post needs is loaded before highlighting starts, so the output never depends on timing.
    const highlighter = await getSingletonHighlighter({ themes: Object.values(THEMES), langs: [] });
    // Only the grammars not loaded yet: loading one again recompiles it (2 to 10 ms a language, on every render).
    const loaded = new Set(highlighter.getLoadedLanguages());
    const missing = [...wanted].filter((language) => !loaded.has(language));
    if (missing.length > 0) await highlighter.loadLanguage(...(missing as Parameters<typeof highlighter.loadLanguage>));
    // Other code blocks (mermaid…) are hidden from Shiki for the moment: it would highlight any language it knows.
    for (const node of others) node.tagName = "folio-pre";
    // Shiki stops tokenizing a line after 500 ms by default and leaves the rest plain: on a busy machine the output
    // would depend on the load. The render worker's own time limit bounds the work instead.
    const highlight = rehypeShikiFromHighlighter(highlighter, { themes: THEMES, defaultColor: false, addLanguageClass: true, tokenizeTimeLimit: 0 }) as unknown as (tree: HastRoot) => Promise<void> | void;
    await highlight(tree);
    for (const node of others) node.tagName = "pre";
  };
}

/** What makes a parsed tree render as Hugo's: heading attributes, the typographer, Goldmark's linkify. */
const hugoPlugins: PluggableList = [remarkHeadingAttributes, remarkTypographer, remarkLinkify];
/**
 * MDX is parsed by remark (micromark) inside the MDX compiler: GFM and definition lists are its extensions there,
 * with Hugo's markup defaults for GFM (strikethrough needs two tildes; Goldmark leaves `~x~` alone).
 */
const mdxRemarkPlugins: PluggableList = [[remarkGfm, { singleTilde: false }], remarkDefinitionList, ...hugoPlugins];
/** `.md` bodies are parsed by markdown-it into the same mdast, with positions (./markdown-it.ts), then the same plugins. */
const markdownParser: PluggableList = [remarkMarkdownIt, ...hugoPlugins];

/**
 * Goldmark's linkify where GFM's autolink literals differ: a bare `www.` link is https (linkifyProtocol), and a
 * backslash ends a URL (`\[https://gohugo.io\]` links `https://gohugo.io`, the `\` and what follows stay text).
 */
function remarkLinkify() {
  return (tree: MdastRoot, file: { value: unknown }) => {
    const src = String(file.value);
    visit(tree, "link", (node: Link, index, parent) => {
      const start = node.position?.start.offset;
      if (start === undefined || src[start] === "[" || src[start] === "<") return;
      if (src.slice(start, start + 4).toLowerCase() === "www." && node.url.startsWith("http://")) node.url = `https://${node.url.slice(7)}`;
      const text = node.children[0];
      const cut = text?.type === "text" ? text.value.indexOf("\\") : -1;
      if (cut <= 0 || !parent || index === undefined || text?.type !== "text") return;
      const rest = text.value.slice(cut);
      text.value = text.value.slice(0, cut);
      node.url = node.url.slice(0, node.url.length - rest.length);
      // A backslash before punctuation was an escape: it shows nothing, the character after it shows.
      const escape = /[!-/:-@[-`{-~]/.test(src[start + cut + 1] ?? "");
      const shown = escape ? rest.slice(1) : rest;
      if (shown) parent.children.splice(index + 1, 0, { type: "text", value: shown });
    });
  };
}

function collectHeadings(into: Heading[]) {
  return () => (tree: HastRoot) => {
    visit(tree, "element", (node: Element) => {
      const depth = /^h([2-6])$/.exec(node.tagName)?.[1];
      if (depth && typeof node.properties.id === "string") into.push({ id: node.properties.id, text: toString(node).trim(), depth: Number(depth) });
    });
  };
}

/** Table cells aligned as Goldmark writes them (`style="text-align:…"`, which beats the stylesheet), task items unclassed. */
function rehypeHugoMarkup() {
  return (tree: HastRoot) => {
    visit(tree, "element", (node: Element) => {
      if ((node.tagName === "td" || node.tagName === "th") && typeof node.properties.align === "string") {
        node.properties.style = `text-align:${node.properties.align}`;
        delete node.properties.align;
      }
      if (node.tagName === "li" && Array.isArray(node.properties.className) && node.properties.className.includes("task-list-item")) delete node.properties.className;
    });
  };
}

const anchorFor = (): ElementContent[] => [{ type: "element", tagName: "span", properties: { ariaHidden: "true" }, children: [{ type: "text", value: "#" }] }];

/** Folio's reader additions, the same for markdown and MDX: safe URLs, highlighting, heading anchors, external rel. */
function readerPlugins(headings: Heading[]): PluggableList {
  return [
    rehypeSafeUrls,
    rehypeTableScroll,
    rehypeCode,
    rehypeHugoMarkup,
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
  ];
}

/** What rendering a body needs besides its text: whether raw HTML is kept (sanitized), and the shortcodes' values. */
export type MarkdownOptions = { unsafeHtml: boolean; shortcodes: ShortcodeValues; headingIds?: HeadingIdStyle };

/** A rendered markdown body: HTML, its headings, its plain text for search, and what was wrong with it. */
export type RenderedBody = { html: string; headings: Heading[]; text: string; issues: RenderIssue[] };

const NO_SHORTCODES: ShortcodeValues = { refs: {}, params: {} };

/** A figure caption rendered as Hugo's markdownify does: inline markdown with the typographer, without a wrapping <p>. */
function renderInline(text: string): ElementContent[] {
  const markdown = lineEndings(text);
  const processor = unified().use(markdownParser).use(remarkRehype);
  const tree = processor.runSync(processor.parse(markdown) as MdastRoot, markdown) as HastRoot;
  const blocks = tree.children.filter((node) => !(node.type === "text" && node.value.trim() === ""));
  const only = blocks.length === 1 ? blocks[0] : undefined;
  return (only?.type === "element" && only.tagName === "p" ? only.children : tree.children) as ElementContent[];
}

/** The text markdown is parsed from: without a byte order mark, line endings as `\n` (positions are offsets into it). */
function lineEndings(markdown: string): string {
  return markdown.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

/**
 * Hugo's summary divider is not content: the first `<!--more-->` ends a paragraph where it stands and is never shown.
 * Noncharacters U+FDD0–FDD3 are the pipeline's own markers, so they cannot come from the post.
 */
function withoutMarkers(body: string): string {
  return body.replace(/[\uFDD0-\uFDD3]/g, "");
}

const sanitizeRaw = unified().use(rehypeRaw).use(rehypeSanitize, sanitizeSchema).use(rehypeIframeAllowlist).freeze();

/**
 * Raw HTML kept and sanitized, in the posts that have some. A tree without it is markdown's own output, safe as it
 * is, and skips the sanitizer's full round trip through an HTML parser (an eighth of a typical render).
 */
function rehypeKeptHtml() {
  return (tree: HastRoot, file: Parameters<typeof sanitizeRaw.run>[1]) => {
    let raw = false;
    visit(tree, "raw", () => {
      raw = true;
      return EXIT;
    });
    return raw ? sanitizeRaw.run(tree, file) : undefined;
  };
}

/** Renders a markdown (`.md`) body as Hugo's Goldmark would, plus Folio's reader additions. */
export async function renderMarkdown(body: string, options: MarkdownOptions = { unsafeHtml: false, shortcodes: NO_SHORTCODES }): Promise<RenderedBody> {
  // Shortcodes first, on the body as written, so the lines their warnings name are the file's.
  const expanded = expandShortcodes(withoutMarkers(body), options.shortcodes, renderInline);
  const source = protectGuillemets(lineEndings(expanded.markdown.replace("<!--more-->", "\n\n")));
  const headings: Heading[] = [];
  let text = "";
  const captureText = () => (tree: MdastRoot) => {
    text = plainText(tree, "md", expanded.outputs);
  };
  const rawHtml: PluggableList = options.unsafeHtml ? [rehypeKeptHtml] : [];
  const file = await unified()
    .use(markdownParser)
    .use(remarkHugoFootnotes)
    .use(remarkHeadingIds, options.headingIds)
    .use(captureText)
    .use(remarkRehype, { allowDangerousHtml: options.unsafeHtml, handlers: { ...defListHastHandlers, ...(options.unsafeHtml ? {} : { html: omittedHtml }) } })
    .use(rawHtml)
    .use(rehypeShortcodeOutputs, expanded.outputs)
    .use(readerPlugins(headings))
    .use(rehypeStringify)
    .process(source);
  return { html: String(file), headings, text, issues: expanded.issues };
}

/** The remark and rehype plugins MDX is compiled with: the same typography, ids and footnotes as markdown. */
export function mdxPlugins(headings: Heading[], onText: (text: string) => void, safeJsx: PluggableList[number], headingIds?: HeadingIdStyle) {
  const captureText = () => (tree: MdastRoot) => {
    onText(plainText(tree, "mdx"));
  };
  return {
    remarkPlugins: [...mdxRemarkPlugins, remarkHugoFootnotes, [remarkHeadingIds, headingIds], captureText, safeJsx] as PluggableList,
    rehypePlugins: readerPlugins(headings),
    remarkRehypeOptions: { handlers: defListHastHandlers },
  };
}
