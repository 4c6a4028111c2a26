import { serialize } from "next-mdx-remote/serialize";
import { remarkSafeJsx } from "../safety";
import { mdxPlugins, renderMarkdown } from "./pipeline";
import type { BodyTask, RenderedBody } from "./task";
import type { Heading } from "./types";

/** Renders one body. Untrusted input, unbounded work: call it inside the render worker (see pool.ts). */
export async function renderBody(task: BodyTask): Promise<RenderedBody> {
  if (task.format === "md") {
    const { html, headings, text, issues } = await renderMarkdown(task.body, { unsafeHtml: task.unsafeHtml, shortcodes: { refs: task.refs, params: task.params }, headingIds: task.headingIds });
    return { format: "md", output: html, headings, text, issues };
  }
  const headings: Heading[] = [];
  let text = "";
  const plugins = mdxPlugins(headings, (value) => (text = value), remarkSafeJsx(task.components), task.headingIds);
  const { compiledSource } = await serialize(
    task.body,
    // blockJS (the default) strips `{expressions}`, `import` and `export`; it stays on, stated here on purpose.
    { blockJS: true, blockDangerousJS: true, mdxOptions: { ...plugins, format: "mdx" } },
    true,
  );
  return { format: "mdx", output: compiledSource, headings, text, issues: [] };
}
