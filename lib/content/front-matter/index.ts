/**
 * The one front-matter module: the loader reads with it and every writer (the Featured toggle, the editor) edits
 * with it, so they can never disagree on where front matter ends or what it says. YAML (`---`), TOML (`+++`) and
 * JSON (`{…}`), as Hugo reads them.
 */
export { MAX_FRONT_MATTER_BYTES, isSplitError, splitFrontMatter, type FrontMatterFormat, type FrontMatterSplit, type SplitError } from "./split";
export { MAX_ALIASES, MAX_VALUE_DEPTH, readFrontMatter, type FrontMatter, type FrontMatterProblem, type ReadResult } from "./read";
export type { Member } from "./members";
export type { FieldValue } from "./render-value";
export { deepEqual, emptyFrontMatter, replaceBody, setFrontMatterFields, verifyOnlyFieldChanged, type EditResult, type FieldChanges } from "./edit";
