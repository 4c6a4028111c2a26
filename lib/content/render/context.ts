import { env } from "@/lib/config/env";
import type { Post } from "../schema";
import type { HeadingIdStyle } from "@/lib/config/heading-ids";

/**
 * What rendering needs from the site: whether raw HTML is kept (Hugo's
 * markup.goldmark.renderer.unsafe), how `ref`/`relref` find a page (its path on this site), what `param` reads, and
 * the site's base URL (`ref` gives absolute URLs). The default keeps Folio's own site working: raw HTML omitted,
 * refs unresolved.
 */
export type RenderContext = {
  unsafeHtml: boolean;
  /** How headings get their ids: Hugo's markup.goldmark.parser.autoHeadingIDType (default `github`). */
  headingIds?: HeadingIdStyle;
  resolveRef(target: string, from: Post): string | undefined;
  param(name: string, post: Post): string | undefined;
  baseURL: string;
};

/** The context of a site without a Hugo config: raw HTML omitted, no refs or params. */
export function defaultRenderContext(): RenderContext {
  return { unsafeHtml: false, resolveRef: () => undefined, param: () => undefined, baseURL: env().siteUrl };
}
