import "server-only";
import { readFile } from "node:fs/promises";
import type { z } from "zod";

/**
 * A small JSON state file (users.json, sessions.json) parsed by `schema`: `missing` when the file does not exist.
 * Anything else wrong throws an error that names the file and what is wrong with it, ending with `advice` (how an
 * operator recovers), because a state file nobody can read must stop the feature, not be taken as empty.
 */
export async function readJsonFile<S extends z.ZodType>(file: string, schema: S, options: { missing: z.output<S>; advice: string }): Promise<z.output<S>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return options.missing;
    throw new Error(`Could not read ${file}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}); ${options.advice}`, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`${file} is invalid: ${detail}; ${options.advice}`);
  }
  return parsed.data;
}
