// markdown-it's footnote and definition-list plugins ship no types: each is a plain markdown-it plugin.
declare module "markdown-it-footnote" {
  import type { MarkdownIt } from "markdown-it";
  export default function footnote(md: MarkdownIt): void;
}
declare module "markdown-it-deflist" {
  import type { MarkdownIt } from "markdown-it";
  export default function deflist(md: MarkdownIt): void;
}
