import "server-only";
import { mkdir, open } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { appendLineDurable } from "@/lib/fs/atomic";

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

export function auditFile(): string {
  return path.join(env().dataDir, "audit.jsonl");
}

/**
 * Appends one record, already checked by its own schema (post changes here, team changes in lib/admin/team/audit.ts),
 * to DATA_DIR/audit.jsonl: one JSON line, fsynced (a crash never leaves a torn record behind), creating DATA_DIR
 * (owner-only) when it does not exist yet. Every audit record is written through here.
 */
export async function appendAuditRecord(record: object): Promise<void> {
  await mkdir(env().dataDir, { recursive: true, mode: 0o700 });
  await appendLineDurable(auditFile(), JSON.stringify(record));
}

/** Appends a change to a post to the audit log. */
export async function recordChange(record: AuditInput): Promise<void> {
  await appendAuditRecord(recordSchema.parse(record));
}

/** How much of the log's end is read for the recent changes: the log grows forever, the dashboard must not. */
const TAIL_BYTES = 256 * 1024;

async function readTail(file: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return "";
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const text = buffer.toString("utf8");
    // Started mid-record: drop the partial first line.
    return start > 0 ? text.slice(text.indexOf("\n") + 1) : text;
  } finally {
    await handle.close();
  }
}

/**
 * The most recent records that `schema` accepts, newest first, read from the end of the log only. A line cut short
 * by a crash, or a record of another kind (a team change among post changes), is skipped.
 */
export async function recentAuditRecords<T>(schema: z.ZodType<T>, limit: number): Promise<T[]> {
  const lines = (await readTail(auditFile())).split("\n");
  lines.pop(); // "" after the last newline, or an append a crash cut short
  const records: T[] = [];
  for (let i = lines.length - 1; i >= 0 && records.length < limit; i--) {
    try {
      const parsed = schema.safeParse(JSON.parse(lines[i]!));
      if (parsed.success) records.push(parsed.data);
    } catch {
      // a torn record
    }
  }
  return records;
}

/** The most recent changes to posts, newest first. */
export async function recentChanges(limit = 20): Promise<AuditRecord[]> {
  return recentAuditRecords(recordSchema, limit);
}
