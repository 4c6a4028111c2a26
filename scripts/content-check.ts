/**
 * `npm run content:check`: validates every post under CONTENT_DIR without building.
 * One line per problem (`path:line: field: message`); exit 1 on any error, 0 with warnings only.
 */
import path from "node:path";
import { env } from "../lib/config/env";
import { loadContentIndex } from "../lib/content/load";
import { formatIssue } from "../lib/content/parse";

async function main(): Promise<number> {
  const dir = env().contentDir;
  const index = await loadContentIndex(dir);
  const shown = path.relative(process.cwd(), dir) || ".";
  const errors = index.issues.filter((i) => i.severity === "error");
  const warnings = index.issues.filter((i) => i.severity === "warning");
  for (const issue of errors) console.error(`${shown}/${formatIssue(issue)}`);
  for (const issue of warnings) console.warn(`${shown}/${formatIssue(issue)} (warning)`);
  const summary = `${index.files.length} files, ${index.posts.length} valid, ${errors.length} errors, ${warnings.length} warnings`;
  if (errors.length > 0) {
    console.error(`content:check failed: ${summary}`);
    return 1;
  }
  console.log(`content:check ok: ${summary}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`content:check could not run: ${error.message}`);
    process.exit(1);
  },
);
