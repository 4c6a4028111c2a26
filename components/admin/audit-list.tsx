import type { AuditRecord } from "@/lib/admin/audit";

type Props = { records: AuditRecord[] };

/** The last admin changes, newest first. */
export function AuditList({ records }: Props) {
  if (records.length === 0) return <p className="empty">No changes yet.</p>;
  return (
    <ol className="audit-list">
      {records.map((r) => (
        <li key={`${r.at}-${r.slug}-${r.hashAfter}`}>
          <time dateTime={r.at}>{r.at.replace("T", " ").slice(0, 19)} UTC</time> · {r.actor} set <code>{r.field}</code> of{" "}
          <strong>{r.slug}</strong> from {String(r.from ?? "unset")} to {String(r.to)}
        </li>
      ))}
    </ol>
  );
}
