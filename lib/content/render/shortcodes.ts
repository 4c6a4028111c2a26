import type { Element, ElementContent, Root as HastRoot, Text } from "hast";
import { toHtml } from "hast-util-to-html";
import { toString } from "hast-util-to-string";
import { SKIP, visit } from "unist-util-visit";
import type { RenderIssue } from "./types";
import { scanShortcodes, type ShortcodeParam, type ShortcodeTag } from "./shortcode-scan";

/**
 * Hugo's built-in shortcodes, rendered without third-party script or requests: `figure` and `highlight` as Hugo
 * writes them, `youtube`, `vimeo`, `gist`, `tweet`/`twitter`/`x` and `instagram` as plain links to the original,
 * `ref`/`relref`/`param` through values the main thread resolved (see shortcodeLookups). Any other shortcode is left
 * out, its inner text kept, with a warning naming its line. `{{< >}}` output is HTML put in after the markdown is
 * rendered (a placeholder token in between); `{{% %}}` output is markdown, so its HTML is raw HTML there, as in Hugo.
 */

/** Values a post's shortcodes need from the site, resolved before rendering: `ref:T`/`relref:T` → URL, param → text. */
export type ShortcodeValues = { refs: Record<string, string | null>; params: Record<string, string | null> };

/** A rendered piece of inline markdown (a figure caption), supplied by the pipeline. */
export type InlineRenderer = (markdown: string) => ElementContent[];

const TOKEN_OPEN = "\uFDD2";
const TOKEN_CLOSE = "\uFDD3";
const TOKEN = /\uFDD2(\d+)\uFDD3/g;

const LINK_SHORTCODES = new Set(["youtube", "vimeo", "vimeo_simple", "gist", "tweet", "twitter", "twitter_simple", "x", "x_simple", "instagram", "instagram_simple"]);
const BUILT_IN = new Set([...LINK_SHORTCODES, "figure", "highlight", "ref", "relref", "param"]);

const el = (tagName: string, properties: Element["properties"], children: ElementContent[] = []): Element => ({ type: "element", tagName, properties, children });
const txt = (value: string): Text => ({ type: "text", value });

function param(tag: ShortcodeTag, name: string, position?: number): string | undefined {
  return tag.params.find((p) => p.name === name)?.value ?? (position === undefined ? undefined : tag.params.filter((p: ShortcodeParam) => !p.name)[position]?.value);
}

/** Backslash-escapes markdown punctuation, so substituted text reads as itself (Hugo inserts it after markdown). */
const escapeMarkdown = (text: string) => text.replace(/[!-/:-@[-`{-~]/g, "\\$&");

function link(href: string, text: string, kind: string): Element {
  return el("a", { href, className: ["shortcode-link", `shortcode-link--${kind}`] }, [txt(text)]);
}

function linkShortcode(tag: ShortcodeTag): Element | string {
  const id = param(tag, "id", 0) ?? "";
  const title = param(tag, "title");
  switch (tag.name) {
    case "youtube":
      if (!/^[\w-]{1,64}$/.test(id)) return "a youtube shortcode without a valid video id";
      return link(`https://www.youtube.com/watch?v=${id}`, title ? `${title} (video on YouTube)` : "Watch the video on YouTube", "youtube");
    case "vimeo":
    case "vimeo_simple":
      if (!/^\d{1,20}$/.test(id)) return "a vimeo shortcode without a valid video id";
      return link(`https://vimeo.com/${id}`, title ? `${title} (video on Vimeo)` : "Watch the video on Vimeo", "vimeo");
    case "gist": {
      const user = param(tag, "user", 0) ?? "";
      const gist = param(tag, "id", 1) ?? "";
      const file = param(tag, "file", 2);
      if (!/^[\w-]{1,100}$/.test(user) || !/^[\w]{1,100}$/.test(gist)) return "a gist shortcode without a valid user and id";
      const anchor = file ? `#file-${file.toLowerCase().replace(/[^a-z0-9]+/g, "-")}` : "";
      return link(`https://gist.github.com/${user}/${gist}${anchor}`, `View ${file ?? "the gist"} on GitHub`, "gist");
    }
    case "instagram":
    case "instagram_simple":
      if (!/^[\w-]{1,100}$/.test(id)) return "an instagram shortcode without a valid post id";
      return link(`https://www.instagram.com/p/${id}/`, "View the post on Instagram", "instagram");
    default: {
      // tweet, twitter, x (and their _simple forms): `user` and `id`, or a lone id as older sites wrote it.
      const user = param(tag, "user");
      const status = param(tag, "id") ?? tag.params.find((p) => !p.name && /^\d+$/.test(p.value))?.value ?? "";
      if (!/^\d{1,25}$/.test(status) || (user !== undefined && !/^\w{1,50}$/.test(user))) return `a ${tag.name} shortcode without a valid user and id`;
      return link(`https://x.com/${user ?? "i"}/status/${status}`, user ? `Post by @${user} on X` : "View the post on X", "x");
    }
  }
}

/** `figure` as Hugo 0.111 writes it (tpl/tplimpl/embedded/templates/shortcodes/figure.html). */
function figure(tag: ShortcodeTag, renderInline: InlineRenderer): Element {
  const get = (name: string) => param(tag, name);
  const caption = get("caption");
  const renderedCaption = caption ? renderInline(caption) : [];
  const alt = get("alt") ?? (caption ? toString({ type: "root", children: renderedCaption }) : undefined);
  const image = el("img", { src: get("src") ?? "", alt });
  for (const name of ["width", "height"]) {
    const value = get(name);
    if (value && /^\d{1,5}$/.test(value)) image.properties[name] = value;
  }
  if (get("loading") === "lazy") image.properties.loading = "lazy";
  const linked = get("link") ? el("a", { href: get("link"), target: get("target"), rel: get("rel")?.split(/\s+/) }, [image]) : image;
  const children: ElementContent[] = [linked];
  const title = get("title");
  const attr = get("attr");
  if (title || caption || attr) {
    const figcaption: ElementContent[] = [];
    if (title) figcaption.push(el("h4", {}, [txt(title)]));
    if (caption || attr) {
      const paragraph: ElementContent[] = [...renderedCaption];
      if (attr) {
        const attrlink = get("attrlink");
        paragraph.push(txt("\n"), attrlink ? el("a", { href: attrlink }, [txt(attr)]) : txt(attr));
      }
      figcaption.push(el("p", {}, paragraph));
    }
    children.push(el("figcaption", {}, figcaption));
  }
  const className = get("class");
  return el("figure", className ? { className: className.split(/\s+/) } : {}, children);
}

/** `highlight LANG`: the code block a fence would make, highlighted later like any other. */
function highlight(tag: ShortcodeTag, inner: string): Element {
  const lang = param(tag, "lang", 0) ?? "";
  const code = inner.replace(/^\r?\n/, "").replace(/\r?\n$/, "");
  const className = /^[\w+#.-]{1,40}$/.test(lang) ? [`language-${lang}`] : undefined;
  return el("pre", {}, [el("code", className ? { className } : {}, [txt(`${code}\n`)])]);
}

export type ExpandedShortcodes = { markdown: string; outputs: Element[]; issues: RenderIssue[] };

/** Pairs each closing tag with its opening tag (a stack; tags of other names in between are left unpaired). */
function pairTags(tags: ShortcodeTag[]): Map<ShortcodeTag, ShortcodeTag> {
  const pairs = new Map<ShortcodeTag, ShortcodeTag>();
  const stack: ShortcodeTag[] = [];
  const open = new Map<string, number>();
  for (const tag of tags) {
    if (!tag.closing) {
      if (tag.selfClosing) continue;
      stack.push(tag);
      open.set(tag.name, (open.get(tag.name) ?? 0) + 1);
      continue;
    }
    if (!open.get(tag.name)) continue;
    for (let top = stack.pop(); top; top = stack.pop()) {
      open.set(top.name, open.get(top.name)! - 1);
      if (top.name === tag.name) {
        pairs.set(top, tag);
        pairs.set(tag, top);
        break;
      }
    }
  }
  return pairs;
}

/**
 * Rewrites a markdown body's shortcodes: substitutions for ref/relref/param, placeholder tokens for HTML output
 * (`outputs[n]` for token n), HTML text for `{{% %}}` output, nothing for unknown ones; with a warning per problem.
 */
export function expandShortcodes(source: string, values: ShortcodeValues, renderInline: InlineRenderer): ExpandedShortcodes {
  const pieces = scanShortcodes(source.replace(/[\uFDD2\uFDD3]/g, ""));
  const tags = pieces.flatMap((piece) => (piece.kind === "tag" ? [piece.tag] : []));
  const pairs = pairTags(tags);
  const outputs: Element[] = [];
  const issues: RenderIssue[] = [];
  const warn = (line: number, message: string) => issues.push({ line, message });
  let markdown = "";
  let skipUntil: ShortcodeTag | undefined;
  const emit = (tag: ShortcodeTag, node: Element) => {
    if (tag.markdown) markdown += toHtml(node);
    else markdown += `${TOKEN_OPEN}${outputs.push(node) - 1}${TOKEN_CLOSE}`;
  };
  for (const piece of pieces) {
    if (skipUntil) {
      if (piece.kind === "tag" && piece.tag === skipUntil) skipUntil = undefined;
      continue;
    }
    if (piece.kind === "text") markdown += piece.text;
    else if (piece.kind === "broken") warn(piece.line, "shortcode: a '{{<' or '{{%' that is not a complete shortcode is left out");
    else {
      const tag = piece.tag;
      if (tag.closing) {
        if (!pairs.has(tag) && BUILT_IN.has(tag.name)) warn(tag.line, `shortcode: closing '${tag.name}' without an opening one is left out`);
        continue;
      }
      if (!BUILT_IN.has(tag.name)) {
        warn(tag.line, `shortcode: '${tag.name}' is not one of Hugo's built-in shortcodes Folio renders; it is left out${pairs.has(tag) ? " (its inner text is kept)" : ""}`);
        continue;
      }
      const value = expandOne(tag, source, pairs, values, renderInline, (message) => warn(tag.line, message));
      if (tag.name === "highlight" && pairs.has(tag)) skipUntil = pairs.get(tag);
      if (typeof value === "string") markdown += value;
      else if (value) emit(tag, value);
    }
  }
  return { markdown, outputs, issues };
}

function expandOne(
  tag: ShortcodeTag,
  source: string,
  pairs: Map<ShortcodeTag, ShortcodeTag>,
  values: ShortcodeValues,
  renderInline: InlineRenderer,
  warn: (message: string) => void,
): Element | string | null {
  const first = tag.params[0]?.value ?? "";
  switch (tag.name) {
    case "ref":
    case "relref": {
      // An anchor alone is on this page, as in Hugo.
      const url = first.startsWith("#") ? first : values.refs[`${tag.name}:${first}`];
      if (!url) warn(`shortcode: ${tag.name} "${first}" names no page of this site`);
      return url ? escapeMarkdown(encodeURI(decodeSafely(url))) : "";
    }
    case "param": {
      const text = values.params[first];
      if (text === undefined || text === null) warn(`shortcode: param "${first}" is set neither on the post nor on the site`);
      return escapeMarkdown(text ?? "");
    }
    case "figure":
      return figure(tag, renderInline);
    case "highlight": {
      const close = pairs.get(tag);
      if (!close) {
        warn("shortcode: highlight without its closing {{< /highlight >}} is left out");
        return null;
      }
      return highlight(tag, source.slice(tag.end, close.start));
    }
    default: {
      const node = linkShortcode(tag);
      if (typeof node === "string") {
        warn(`shortcode: ${node} is left out`);
        return null;
      }
      return node;
    }
  }
}

function decodeSafely(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/**
 * Rehype plugin: puts each `{{< >}}` shortcode's output where its token is. A token alone in a paragraph replaces
 * the paragraph (a figure is not put inside a `<p>`); link shortcodes standing alone get a paragraph of their own.
 */
export function rehypeShortcodeOutputs(outputs: readonly Element[]) {
  return (tree: HastRoot) => {
    if (outputs.length === 0) return;
    const take = (n: string): Element | undefined => {
      const node = outputs[Number(n)];
      return node ? structuredClone(node) : undefined;
    };
    visit(tree, (node, index, parent) => {
      if (!parent || index === undefined) return;
      if (node.type === "element" && node.tagName === "p") {
        const meaningful = node.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
        const only = meaningful.length === 1 && meaningful[0]!.type === "text" ? /^\s*\uFDD2(\d+)\uFDD3\s*$/.exec(meaningful[0]!.value) : null;
        const output = only ? take(only[1]!) : undefined;
        if (output) {
          parent.children[index] = output.tagName === "a" ? el("p", { className: ["shortcode-embed"] }, [output]) : output;
          return SKIP;
        }
      }
      if (node.type !== "text" || !node.value.includes(TOKEN_OPEN)) return;
      const replacement: ElementContent[] = [];
      let from = 0;
      for (const match of node.value.matchAll(TOKEN)) {
        if (match.index > from) replacement.push(txt(node.value.slice(from, match.index)));
        const output = take(match[1]!);
        if (output) replacement.push(output);
        from = match.index + match[0].length;
      }
      if (from < node.value.length) replacement.push(txt(node.value.slice(from)));
      parent.children.splice(index, 1, ...(replacement as typeof parent.children));
      return [SKIP, index + replacement.length];
    });
  };
}

/** The plain text of the outputs a text holds tokens of (a figure's caption, a link's words), for search. */
export function replaceTokensWithText(value: string, outputs: readonly Element[]): string {
  if (!value.includes(TOKEN_OPEN)) return value;
  return value.replace(TOKEN, (_, n: string) => {
    const node = outputs[Number(n)];
    return node ? ` ${toString(node)} ` : " ";
  });
}
