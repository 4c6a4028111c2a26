import "server-only";
import type { ContentIssue } from "../parse";
import type { Post } from "../schema";
import { isSplitError, splitFrontMatter } from "../front-matter";
import type { HeadingIdStyle } from "@/lib/config/heading-ids";
import { checkPostRender, defaultRenderContext, type RenderContext } from "./index";
import { renderInWorker } from "./pool";

/**
 * content:check's render pass: every valid post through the same bounded path as the site (the render worker, its
 * time and memory limits, the disk cache the build then reuses), in parallel on the pool's threads. A post that
 * cannot be rendered within the limits is an error naming the file; problems found while rendering (an unknown
 * shortcode, an unresolved ref) are warnings at their line in the file.
 */
export async function checkRenders(posts: readonly Post[], components: readonly string[], context: RenderContext = defaultRenderContext()): Promise<ContentIssue[]> {
  const results = await Promise.all(posts.map(async (post) => ({ post, result: await checkPostRender(post, components, context) })));
  return results.flatMap(({ post, result }): ContentIssue[] => {
    if (result.failure) {
      return [{ file: post.file, field: "body", severity: "error", message: `could not be rendered within the site's limits (${result.failure}); readers would see a notice instead of the post` }];
    }
    return result.issues.map((issue) => ({
      file: post.file,
      line: issue.line === undefined ? undefined : post.bodyLine + issue.line - 1,
      field: "body",
      severity: "warning",
      message: issue.message,
      // Every problem a render reports is a shortcode's: content:check groups them under their own heading.
      kind: "shortcode",
    }));
  });
}

/**
 * hugo:compare's `--render-only` pass: one Hugo content file's body (front matter in any of Hugo's formats split
 * off) rendered by the worker as a page would be, without a site to resolve refs. Empty when it cannot be.
 */
export async function renderFileForCompare(text: string, format: "md" | "mdx", unsafeHtml: boolean, headingIds?: HeadingIdStyle): Promise<string> {
  const split = splitFrontMatter(text);
  const body = isSplitError(split) ? text : text.slice(split.bodyStart);
  try {
    const rendered = await renderInWorker({ format, body, unsafeHtml, ...(headingIds ? { headingIds } : {}), refs: {}, params: {}, components: [] }, "batch");
    return rendered.output;
  } catch {
    return "";
  }
}

/** The benchmark's render: one markdown body through the render worker, uncached, as a page render would be. */
export async function renderBodyForBench(body: string, unsafeHtml: boolean): Promise<void> {
  await renderInWorker({ format: "md", body, unsafeHtml, refs: {}, params: {}, components: [] }, "page");
}
