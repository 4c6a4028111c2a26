import { z } from "zod";

/** A problem found while rendering a body (an unknown shortcode…), with its line in the body when known. */
export const renderIssueSchema = z.object({ line: z.number().int().optional(), message: z.string() });
export type RenderIssue = z.infer<typeof renderIssueSchema>;

export const headingSchema = z.object({ id: z.string(), text: z.string(), depth: z.number().int().min(2).max(6) });

/** A section heading of a post, for the table of contents. */
export type Heading = z.infer<typeof headingSchema>;
