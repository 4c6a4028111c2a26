import { describeChange } from "@/components/admin/audit-list";
import { BodyDiff } from "@/components/admin/body-diff";
import type { HistoryEntry, PostHistory } from "@/lib/admin/history/timeline";

type Props = {
  history: PostHistory;
  /** The Restore form's action; absent for a post in the trash (restore the post itself first). */
  restore?: (form: FormData) => Promise<void>;
};

function RestoreForm({ history, version, restore }: { history: PostHistory; version: string; restore: (form: FormData) => Promise<void> }) {
  return (
    <form action={restore} className="history-entry__restore">
      <input type="hidden" name="slug" value={history.slug} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="baseHash" value={history.currentHash ?? ""} />
      <button type="submit" className="button">
        Restore
      </button>
    </form>
  );
}

function Change({ entry }: { entry: HistoryEntry }) {
  const { change, record } = entry;
  if (!change) return <p className="empty">The versions this change compares are no longer kept (see FOLIO_HISTORY_DAYS).</p>;
  return (
    <>
      {change.fields.length > 0 && <p>Fields changed: {change.fields.join(", ")}</p>}
      {record.hashAfter === null ? null : !change.bodyChanged ? (
        <p>The body did not change.</p>
      ) : change.body ? (
        <BodyDiff parts={change.body} />
      ) : (
        <p>The body was rewritten in too many places to show line by line.</p>
      )}
    </>
  );
}

/** Versions shown with a preview link and a Restore button, unless they are the one on disk now. */
function VersionActions({ history, version, kept, restore }: { history: PostHistory; version: string | null; kept: boolean; restore?: Props["restore"] }) {
  if (version === null) return null;
  if (version === history.currentHash) return <p className="history-entry__current">This is the current version.</p>;
  if (!kept) return <p className="empty">This version is no longer kept.</p>;
  return (
    <div className="history-entry__actions">
      <a href={`/admin/posts/${history.slug}/history/${version}`}>Preview this version</a>
      {restore && <RestoreForm history={history} version={version} restore={restore} />}
    </div>
  );
}

/** A post's changes, newest first: who, when, which fields, the body's diff, and each version's preview and Restore. */
export function HistoryList({ history, restore }: Props) {
  if (history.entries.length === 0) return <p className="empty">No changes recorded yet: the history starts with the first change.</p>;
  return (
    <ol className="history-list">
      {history.entries.map((entry) => (
        <li key={entry.anchor} id={entry.anchor} className="history-entry" aria-labelledby={`${entry.anchor}-title`}>
          <h2 id={`${entry.anchor}-title`} className="history-entry__title">
            <time dateTime={entry.record.at}>{entry.record.at.replace("T", " ").slice(0, 19)} UTC</time> · {entry.record.actor} {describeChange(entry.record)}
          </h2>
          <Change entry={entry} />
          <VersionActions history={history} version={entry.version} kept={entry.kept} restore={restore} />
        </li>
      ))}
      {history.original && (
        <li id="original" className="history-entry" aria-labelledby="original-title">
          <h2 id="original-title" className="history-entry__title">
            The version before these changes
          </h2>
          <VersionActions history={history} version={history.original.version} kept={history.original.kept} restore={restore} />
        </li>
      )}
    </ol>
  );
}
