/**
 * The line that closes a post's front matter: `---` or YAML's `...`, with trailing spaces allowed. The loader and
 * the front-matter editor share it, so the editor can never edit what the loader reads as body.
 */
export const CLOSING_FENCE = /^(?:---|\.\.\.)[ \t]*$/;
