import "server-only";
import {
  checkPostRender as checkPostRenderWith,
  getPostText as getPostTextWith,
  renderPost as renderPostWith,
  type MdxComponents,
  type RenderContext,
  type RenderedPost,
} from "./render";
import { siteRenderContext } from "./render-context";
import type { Post } from "./schema";

/** A post's rendered body (see render/index.ts), in the context of the site being served unless one is given. */
export async function renderPost(post: Post, components: MdxComponents, context?: RenderContext): Promise<RenderedPost> {
  return renderPostWith(post, components, context ?? (await siteRenderContext()));
}

/** A post's body as plain text for search, in the context of the site being served unless one is given. */
export async function getPostText(post: Post, context?: RenderContext): Promise<string> {
  return getPostTextWith(post, context ?? (await siteRenderContext()));
}

/** content:check's view of a post's render, in the context of the site being served unless one is given. */
export async function checkPostRender(post: Post, components: readonly string[], context?: RenderContext) {
  return checkPostRenderWith(post, components, context ?? (await siteRenderContext()));
}
