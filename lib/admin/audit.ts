import "server-only";
import path from "node:path";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { appendToInstanceLog, readMergedLog } from "@/lib/fs/instance-log";

/**
 * What an admin did to a post. Records written before actions existed are Featured toggles. `revert` puts back an
 * earlier version from the history; `outside` is a change nobody made through the admin (an editor on disk, a git
 * pull), noticed by the history (lib/admin/history) and recorded with the actor {@link OUTSIDE_ACTOR}.
 */
export const AUDIT_ACTIONS = ["feature", "create", "save", "publish", "schedule", "unpublish", "delete", "restore", "order", "revert", "outside"] as const;

/** The actor of a change made outside the admin. */
export const OUTSIDE_ACTOR = "outside the admin";

/** One record of the log, parsed (exported for copies of records kept elsewhere, such as a trashed post's history). */
export const auditRecordSchema = z.object({
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
export type AuditRecord = z.infer<typeof auditRecordSchema>;
/** A record as written; `action` defaults to a Featured toggle. */
export type AuditInput = z.input<typeof auditRecordSchema>;

/**
 * Where the audit log lives: one file per instance in DATA_DIR/audit/ (several instances share DATA_DIR; each
 * appends only to its own file, so no record is torn or lost on a network file system), plus DATA_DIR/audit.jsonl
 * from before, still read.
 */
export function auditDir(): string {
  return path.join(/* turbopackIgnore: true */ env().dataDir, "audit");
}

function legacyAuditFile(): string {
  return path.join(/* turbopackIgnore: true */ env().dataDir, "audit.jsonl");
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
  await appendAuditRecord(auditRecordSchema.parse(record));
}

/**
 * The most recent changes of every instance, newest first, read from the end of each file only. A line cut short by
 * a crash or one that is not a record is skipped.
 */
export async function recentChanges(limit = 20): Promise<AuditRecord[]> {
  return newestRecords(TAIL_BYTES, limit, () => true);
}

/** How much of each file's end is read for the recent changes: the log grows forever, the dashboard must not. */
const TAIL_BYTES = 256 * 1024;

/** The newest records that `keep` accepts, newest first, from the end of every instance's file (and the old one). */
async function newestRecords(tailBytes: number, limit: number, keep: (record: AuditRecord) => boolean): Promise<AuditRecord[]> {
  const lines = await readMergedLog(auditDir(), { legacyFile: legacyAuditFile(), tailBytes });
  const records: AuditRecord[] = [];
  for (let i = lines.length - 1; i >= 0 && records.length < limit; i--) {
    const parsed = auditRecordSchema.safeParse(lines[i]);
    if (parsed.success && keep(parsed.data)) records.push(parsed.data);
  }
  return records;
}

/** How much of the log's end a post's history reads: about ten thousand changes of all posts together. */
const HISTORY_TAIL_BYTES = 4 * 1024 * 1024;

/**
 * The changes of one post, newest first: those recorded for its file, or under its slug (a file moved on disk
 * keeps its slug's history). Read from the end of the log only, like {@link recentChanges}, but further back.
 */
export async function postChanges(post: { file: string; slug: string }, limit = 200): Promise<AuditRecord[]> {
  return newestRecords(HISTORY_TAIL_BYTES, limit, (r) => r.file === post.file || r.slug === post.slug);
}

/**
 * The newest records that `schema` accepts (records of another kind, such as team changes, are skipped), newest
 * first, from the end of every instance's file and the old one.
 */
export async function recentAuditRecords<T>(schema: z.ZodType<T>, limit: number): Promise<T[]> {
  const lines = await readMergedLog(auditDir(), { legacyFile: legacyAuditFile(), tailBytes: TAIL_BYTES });
  const records: T[] = [];
  for (let i = lines.length - 1; i >= 0 && records.length < limit; i--) {
    const parsed = schema.safeParse(lines[i]);
    if (parsed.success) records.push(parsed.data);
  }
  return records;
}
