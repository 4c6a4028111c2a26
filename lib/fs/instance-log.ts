import "server-only";
import { mkdir, open, readdir } from "node:fs/promises";
import path from "node:path";
import { instanceName } from "@/lib/redis/connection.mjs";
import { appendLineDurable } from "./atomic";

/**
 * An append-only JSONL log that several instances write on a shared volume (the audit log in DATA_DIR/audit/): one
 * file per instance, merged when read. Each file has a single writer, so records are never interleaved or torn by
 * another machine's append (O_APPEND is not atomic across NFS clients); a crash can cut only the writer's own last
 * line, which the reader skips. Reads look at the end of each file only: the log grows forever, readers must not.
 */

/** The file this instance appends to: `DIR/NAME.jsonl` (FOLIO_INSTANCE, or host name and port). */
export function instanceLogFile(dir: string): string {
  return path.join(/* turbopackIgnore: true */ dir, `${instanceName()}.jsonl`);
}

/** Appends one record (a single line) to this instance's file in `dir`, creating `dir` (owner-only) if needed. */
export async function appendToInstanceLog(dir: string, line: string): Promise<void> {
  const file = instanceLogFile(dir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await appendLineDurable(file, line);
}

/** The complete lines in the last `bytes` of `file` ("" when it does not exist). */
async function tailLines(file: string, bytes: number): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return [];
    throw error;
  }
  try {
    const { size } = await handle.stat();
    // One byte more than asked: whether the first line read starts a record (the byte before it is a newline).
    const start = Math.max(0, size - bytes - 1);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString("utf8").split("\n");
    if (start > 0) lines.shift(); // the byte before the tail, or the end of a record that started earlier
    lines.pop(); // "" after the last newline, or an append a crash cut short
    return lines;
  } finally {
    await handle.close();
  }
}

export type MergedLogOptions = {
  /** How much of the end of each file is read. */
  tailBytes?: number;
  /** A single-file log from before there was one file per instance, read as one more instance. */
  legacyFile?: string;
  /** Each record's time, for the merge (ISO 8601 strings compare in order); records without one sort first. */
  timeOf?: (record: unknown) => string | undefined;
};

const defaultTimeOf = (record: unknown) => {
  const at = (record as { at?: unknown } | null)?.at;
  return typeof at === "string" ? at : undefined;
};

/**
 * The records at the end of every instance's file in `dir` (and the legacy file), parsed, oldest first. A line that
 * is not JSON (torn by a crash before a later append closed it) is skipped.
 */
export async function readMergedLog(dir: string, options: MergedLogOptions = {}): Promise<unknown[]> {
  const names = await readdir(dir).catch((error: { code?: string }) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  const files = names.filter((name) => name.endsWith(".jsonl")).map((name) => path.join(/* turbopackIgnore: true */ dir, name));
  if (options.legacyFile) files.push(options.legacyFile);
  const timeOf = options.timeOf ?? defaultTimeOf;
  const records: Array<{ at: string; order: number; value: unknown }> = [];
  for (const file of files) {
    for (const line of await tailLines(file, options.tailBytes ?? 256 * 1024)) {
      if (line.trim() === "") continue;
      try {
        const value: unknown = JSON.parse(line);
        records.push({ at: timeOf(value) ?? "", order: records.length, value });
      } catch {
        // a torn record
      }
    }
  }
  records.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
  return records.map((record) => record.value);
}
