import "server-only";
import path from "node:path";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { appendLineDurable, readJsonLines } from "@/lib/fs/atomic";

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

export function auditFile(): string {
  return path.join(env().dataDir, "audit.jsonl");
}

/** Appends a change to DATA_DIR/audit.jsonl (one JSON line, fsynced: a crash never leaves a torn record behind). */
export async function recordChange(record: AuditRecord): Promise<void> {
  await appendLineDurable(auditFile(), JSON.stringify(recordSchema.parse(record)));
}

/** The most recent changes, newest first. */
export async function recentChanges(limit = 20): Promise<AuditRecord[]> {
  const lines = await readJsonLines(auditFile());
  return lines
    .flatMap((line) => {
      const parsed = recordSchema.safeParse(line);
      return parsed.success ? [parsed.data] : [];
    })
    .slice(-limit)
    .reverse();
}
