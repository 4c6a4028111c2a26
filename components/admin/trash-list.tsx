import type { TrashEntry } from "@/lib/admin/trash";

type Props = { entries: TrashEntry[]; restore?: (form: FormData) => Promise<void> };

/** Posts moved to the trash, newest first, each with a Restore button for those who may restore. */
export function TrashList({ entries, restore }: Props) {
  if (entries.length === 0) return <p className="empty">The trash is empty.</p>;
  return (
    <ul className="trash-list">
      {entries.map((entry) => (
        <li key={entry.id}>
          <strong>{entry.title}</strong> <code>{entry.file}</code>, deleted by {entry.deletedBy} on{" "}
          <time dateTime={entry.deletedAt}>{entry.deletedAt.replace("T", " ").slice(0, 16)} UTC</time>
          {restore && (
            <form action={restore} className="inline-form">
              <input type="hidden" name="id" value={entry.id} />
              <button type="submit" className="button button--small" aria-label={`Restore ${entry.title}`}>
                Restore
              </button>
            </form>
          )}
        </li>
      ))}
    </ul>
  );
}
