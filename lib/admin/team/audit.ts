import "server-only";
import { mkdir, open } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { appendLineDurable } from "@/lib/fs/atomic";
import { auditFile } from "../audit";

// Team changes go to the same audit log as post changes (DATA_DIR/audit.jsonl), marked `kind: "team"`; the post
// reader skips them because they do not parse as post records, and this reader skips post records.

/** Everything done to accounts that the log records. */
export const TEAM_ACTIONS = [
  "invite",
  "invite-cancel",
  "join",
  "role",
  "remove",
  "add",
  "reset-link",
  "password-reset",
  "password-change",
  "session-end",
  "two-factor-enable",
  "two-factor-disable",
  "two-factor-reset",
  "recovery-codes",
  "recovery-code-used",
  "two-factor-policy",
] as const;
export type TeamAction = (typeof TEAM_ACTIONS)[number];

const recordSchema = z.object({
  kind: z.literal("team"),
  at: z.iso.datetime(),
  /** Who did it: an email, or `cli` for the users command. */
  actor: z.string().max(300),
  action: z.enum(TEAM_ACTIONS),
  /** Whose account it was done to (the actor's own for sign-in and account changes; "" for the policy). */
  subject: z.string().max(300),
  /** A short, secret-free detail: the new role, the old → new role, the roles now required. */
  detail: z.string().max(300).optional(),
});
/** One team change. */
export type TeamRecord = z.infer<typeof recordSchema>;

/** Appends a team change to the audit log, fsynced; throws when the log cannot be written. */
export async function recordTeamChange(input: Omit<TeamRecord, "kind" | "at"> & { at?: number }): Promise<void> {
  const { at, ...rest } = input;
  const record = recordSchema.parse({ kind: "team", at: new Date(at ?? Date.now()).toISOString(), ...rest });
  const file = auditFile();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await appendLineDurable(file, JSON.stringify(record));
}

// The log only grows; the users page reads its last 256 KiB, which holds well over a thousand records.
const TAIL_BYTES = 256 * 1024;

async function readTail(file: string): Promise<string> {
  const handle = await open(file, "r").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (!handle) return "";
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const text = buffer.toString("utf8");
    return start > 0 ? text.slice(text.indexOf("\n") + 1) : text; // began mid-record: drop the partial line
  } finally {
    await handle.close();
  }
}

/** The most recent team changes, newest first; torn lines and post records are skipped. */
export async function recentTeamChanges(limit = 20): Promise<TeamRecord[]> {
  const lines = (await readTail(auditFile())).split("\n");
  lines.pop(); // "" after the last newline, or an append a crash cut short
  const records: TeamRecord[] = [];
  for (let i = lines.length - 1; i >= 0 && records.length < limit; i--) {
    try {
      const parsed = recordSchema.safeParse(JSON.parse(lines[i]!));
      if (parsed.success) records.push(parsed.data);
    } catch {
      // a torn record
    }
  }
  return records;
}
