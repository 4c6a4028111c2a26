import "server-only";
import path from "node:path";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { appendToInstanceLog, readMergedLog } from "@/lib/fs/instance-log";

const recordSchema = z.object({
  at: z.string(),
  actor: z.string(),
  slug: z.string(),
  file: z.string(),
  field: z.string(),
  from: z.boolean().nullable(),
  to: z.boolean(),
  hashBefore: z.string(),
  hashAfter: z.string(),
});

/** One admin change: who, when, which post and field, old → new, and the file's hash before and after. */
export type AuditRecord = z.infer<typeof recordSchema>;

/**
 * Where the audit log lives: one file per instance in DATA_DIR/audit/ (several instances share DATA_DIR; each
 * appends only to its own file, so no record is torn or lost on a network file system), plus DATA_DIR/audit.jsonl
 * from before, still read.
 */
export function auditDir(): string {
  return path.join(env().dataDir, "audit");
}

function legacyAuditFile(): string {
  return path.join(env().dataDir, "audit.jsonl");
}

/** Appends a change to this instance's audit file (one JSON line, fsynced: a crash never leaves a torn record). */
export async function recordChange(record: AuditRecord): Promise<void> {
  await appendToInstanceLog(auditDir(), JSON.stringify(recordSchema.parse(record)));
}

/** The most recent changes of every instance, newest first. */
export async function recentChanges(limit = 20): Promise<AuditRecord[]> {
  const lines = await readMergedLog(auditDir(), { legacyFile: legacyAuditFile() });
  return lines
    .flatMap((line) => {
      const parsed = recordSchema.safeParse(line);
      return parsed.success ? [parsed.data] : [];
    })
    .slice(-limit)
    .reverse();
}
