/**
 * Hugo's `markup.goldmark.parser.autoHeadingIDType`: how a heading without an explicit `{#id}` gets its id. Its own
 * module, without imports, so the render worker's bundle can read it without the config reader.
 */
export const HEADING_ID_STYLES = ["github", "github-ascii", "blackfriday"] as const;
export type HeadingIdStyle = (typeof HEADING_ID_STYLES)[number];
