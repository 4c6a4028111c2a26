import { z } from "zod";
import { HEADING_ID_STYLES } from "@/lib/config/heading-ids";
import { headingSchema, renderIssueSchema } from "./types";

/**
 * One body to render, as the render worker receives it: everything the result depends on is in here (the cache
 * key is made from it), and all of it can cross a thread boundary.
 */
export const bodyTaskSchema = z.object({
  format: z.enum(["md", "mdx"]),
  body: z.string(),
  unsafeHtml: z.boolean(),
  /** Hugo's autoHeadingIDType, when the site's is not the default `github`. */
  headingIds: z.enum(HEADING_ID_STYLES).optional(),
  refs: z.record(z.string(), z.string().nullable()),
  params: z.record(z.string(), z.string().nullable()),
  /** MDX only: the names of the site's components a post may use. */
  components: z.array(z.string()),
});
export type BodyTask = z.infer<typeof bodyTaskSchema>;

/** A rendered body: HTML (markdown) or compiled MDX to evaluate with the components, headings, text for search. */
export const renderedBodySchema = z.object({
  format: z.enum(["md", "mdx"]),
  /** Markdown: the HTML. MDX: the compiled function body (next-mdx-remote's `compiledSource`). */
  output: z.string(),
  headings: z.array(headingSchema),
  text: z.string(),
  issues: z.array(renderIssueSchema),
});
export type RenderedBody = z.infer<typeof renderedBodySchema>;

