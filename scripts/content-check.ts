/**
 * `npm run content:check [-- --verbose]`: validates every post under CONTENT_DIR without building.
 * Errors one per line (`path:line: field: message`); warnings grouped by kind with a count and the first few files
 * (`--verbose` lists every one); exit 1 on any error, 0 with warnings only.
 */
import path from "node:path";
import { mdxComponents } from "../components/mdx";
import { env, readEnv } from "../lib/config/env";
import { loadContentIndex } from "../lib/content/load";
import { checkRenders } from "../lib/content/render/check";
import { formatReport } from "../lib/content/report";
import { renderContextFor } from "../lib/content/render-context";

async function main(): Promise<number> {
  const dir = env().contentDir;
  const index = await loadContentIndex(dir);
  const shown = path.relative(process.cwd(), dir) || ".";
  // Every valid post and page is rendered as the site would (its Hugo config, refs and params included) (the render worker, its limits): a post that cannot be is an error.
  // The time limit gets a margin of three: a build machine busy with other work must not fail a post the server
  // renders in time, while a pathological post (seconds to minutes) is still stopped.
  process.env.FOLIO_RENDER_TIMEOUT_MS = String(readEnv("FOLIO_RENDER_TIMEOUT_MS") * 3);
  const issues = [...index.issues, ...(await checkRenders([...index.posts, ...index.translations, ...index.pages], Object.keys(mdxComponents), renderContextFor(index)))];
  const { lines, failed } = formatReport({ ...index, issues }, { verbose: process.argv.includes("--verbose"), prefix: `${shown}/` });
  for (const line of lines) (line.stream === "err" ? console.error : console.log)(line.text);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`content:check could not run: ${error.message}`);
    process.exit(1);
  },
);
