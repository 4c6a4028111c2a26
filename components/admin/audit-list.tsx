import type { AuditRecord } from "@/lib/admin/audit";
import { changeHref } from "@/lib/admin/history/timeline";

type Props = { records: AuditRecord[] };

const VERBS: Record<AuditRecord["action"], string> = {
  feature: "changed",
  create: "created",
  save: "saved",
  publish: "published",
  schedule: "scheduled",
  unpublish: "unpublished",
  delete: "moved to the trash",
  restore: "restored",
  order: "reordered",
  revert: "restored an earlier version of",
  outside: "changed",
};

/** What a change did, in words: "saved my-post (title, body)". */
export function describeChange(r: AuditRecord): string {
  if (r.action === "feature" && r.field) return `set ${r.field} of ${r.slug} from ${String(r.from ?? "unset")} to ${String(r.to)}`;
  if (r.action === "outside" && r.hashAfter === null) return `deleted ${r.slug}`;
  const what = [...(r.fields ?? []), ...(r.bodyChanged ? ["body"] : [])];
  return `${VERBS[r.action]} ${r.slug}${what.length > 0 ? ` (${what.join(", ")})` : ""}`;
}

/** The last admin changes, newest first, each linking to its diff on the post's history page. */
export function AuditList({ records }: Props) {
  if (records.length === 0) return <p className="empty">No changes yet.</p>;
  return (
    <ol className="audit-list">
      {records.map((r) => (
        <li key={`${r.at}-${r.slug}-${r.hashAfter}`}>
          <time dateTime={r.at}>{r.at.replace("T", " ").slice(0, 19)} UTC</time> · {r.actor} <a href={changeHref(r)}>{describeChange(r)}</a>
        </li>
      ))}
    </ol>
  );
}
