/**
 * `npm run content:check [-- --verbose]`: validates every post under CONTENT_DIR without building.
 * Errors one per line (`path:line: field: message`); warnings grouped by kind with a count and the first few files
 * (`--verbose` lists every one); exit 1 on any error, 0 with warnings only.
 */
import path from "node:path";
import { env } from "../lib/config/env";
import { loadContentIndex } from "../lib/content/load";
import { formatReport } from "../lib/content/report";

async function main(): Promise<number> {
  const dir = env().contentDir;
  const index = await loadContentIndex(dir);
  const shown = path.relative(process.cwd(), dir) || ".";
  const { lines, failed } = formatReport(index, { verbose: process.argv.includes("--verbose"), prefix: `${shown}/` });
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
