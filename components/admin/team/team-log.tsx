import type { TeamRecord } from "@/lib/admin/team/audit";

const VERBS: Record<TeamRecord["action"], string> = {
  invite: "invited",
  "invite-cancel": "cancelled the invitation of",
  join: "joined as",
  role: "changed the role of",
  remove: "removed",
  add: "added or updated (command line)",
  "reset-link": "reset the password of",
  "password-reset": "set a new password through a reset link:",
  "password-change": "changed the password of",
  "session-end": "ended a session of",
  "two-factor-enable": "turned on two-factor sign-in for",
  "two-factor-disable": "turned off two-factor sign-in for",
  "two-factor-reset": "reset two-factor sign-in of",
  "recovery-codes": "made new recovery codes for",
  "recovery-code-used": "signed in with a recovery code:",
  "two-factor-policy": "set the roles that require two-factor sign-in",
};

/** The last team changes, newest first. */
export function TeamLog({ records }: { records: TeamRecord[] }) {
  if (records.length === 0) return <p className="empty">No team changes yet.</p>;
  return (
    <ol className="audit-list">
      {records.map((r, index) => (
        <li key={`${r.at}-${index}`}>
          <time dateTime={r.at}>{r.at.replace("T", " ").slice(0, 19)} UTC</time> · {r.actor} {VERBS[r.action]} {r.subject}
          {r.detail ? ` (${r.detail})` : ""}
        </li>
      ))}
    </ol>
  );
}
