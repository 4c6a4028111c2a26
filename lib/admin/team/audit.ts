import "server-only";
import { z } from "zod";
import { appendAuditRecord, recentAuditRecords } from "../audit";

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
  await appendAuditRecord(record);
}

/** The most recent team changes, newest first (post records are skipped). */
export async function recentTeamChanges(limit = 20): Promise<TeamRecord[]> {
  return recentAuditRecords(recordSchema, limit);
}
