import "server-only";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { withFileLock, writeFileAtomic } from "./atomic";

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

/**
 * Read-modify-write of a JSON state file under its lock: `change` gets the parsed content (`missing` when absent)
 * and returns the new content plus a result; the file is replaced atomically with mode 0600, its folder created
 * owner-only when absent. A `change` that throws writes nothing. Returns `change`'s result.
 */
export async function updateJsonFile<S extends z.ZodType, T>(
  file: string,
  schema: S,
  options: { missing: z.output<S>; advice: string },
  change: (current: z.output<S>) => { next: z.output<S>; result: T },
): Promise<T> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  return withFileLock(file, async () => {
    const { next, result } = change(await readJsonFile(file, schema, options));
    await writeFileAtomic(file, `${JSON.stringify(schema.parse(next), null, 2)}\n`, { mode: 0o600 });
    return result;
  });
}
