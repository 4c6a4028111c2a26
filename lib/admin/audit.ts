import "server-only";
import path from "node:path";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { appendToInstanceLog, readMergedLog } from "@/lib/fs/instance-log";

/** What an admin did to a post. Records written before actions existed are Featured toggles. */
export const AUDIT_ACTIONS = ["feature", "create", "save", "publish", "schedule", "unpublish", "delete", "restore", "order"] as const;

const recordSchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS).default("feature"),
  slug: z.string(),
  file: z.string(),
  /** The front-matter fields the change wrote (the body is `bodyChanged`). */
  fields: z.array(z.string()).optional(),
  bodyChanged: z.boolean().optional(),
  /** For a one-field change (Featured), the field and its old and new values. */
  field: z.string().optional(),
  from: z.boolean().nullable().optional(),
  to: z.boolean().optional(),
  /** SHA-256 of the file before and after; null where there was no file (created, deleted). */
  hashBefore: z.string().nullable(),
  hashAfter: z.string().nullable(),
});

/** One admin change: who, when, what they did to which post, which fields, whether the body changed, hashes. */
export type AuditRecord = z.infer<typeof recordSchema>;
/** A record as written; `action` defaults to a Featured toggle. */
export type AuditInput = z.input<typeof recordSchema>;

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

/**
 * Appends one record, already checked by its own schema (post changes here, team changes in lib/admin/team/audit.ts),
 * to this instance's audit file (one JSON line, fsynced: a crash never leaves a torn record). Every audit record is
 * written through here.
 */
export async function appendAuditRecord(record: object): Promise<void> {
  await appendToInstanceLog(auditDir(), JSON.stringify(record));
}

/** Appends a change to a post to the audit log. */
export async function recordChange(record: AuditInput): Promise<void> {
  await appendAuditRecord(recordSchema.parse(record));
}

/**
 * The most recent records that `schema` accepts, of every instance, newest first, read from the end of each file
 * only. A line cut short by a crash, or a record of another kind (a team change among post changes), is skipped.
 */
export async function recentAuditRecords<T>(schema: z.ZodType<T>, limit: number): Promise<T[]> {
  const lines = await readMergedLog(auditDir(), { legacyFile: legacyAuditFile() });
  return lines
    .flatMap((line) => {
      const parsed = schema.safeParse(line);
      return parsed.success ? [parsed.data] : [];
    })
    .slice(-limit)
    .reverse();
}

/** The most recent changes to posts, newest first. */
export async function recentChanges(limit = 20): Promise<AuditRecord[]> {
  return recentAuditRecords(recordSchema, limit);
}
