import type { SessionSummary } from "@/lib/auth/sessions";
import { ActionForm, type FormAction } from "./action-form";

const when = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

/** One's own sessions: when each signed in and was last used; every one but this browser's can be ended. */
export function SessionsList({ sessions, current, end }: { sessions: SessionSummary[]; current: string | null; end: FormAction }) {
  return (
    <ul className="sessions-list">
      {sessions.map((s) => (
        <li key={s.handle}>
          Signed in {when(s.createdAt)}, last active {when(s.lastSeenAt)}
          {s.handle === current ? (
            <strong> (this browser)</strong>
          ) : (
            <ActionForm action={end} submit={`End session from ${when(s.createdAt)}`} className="row-form">
              <input type="hidden" name="session" value={s.handle} />
            </ActionForm>
          )}
        </li>
      ))}
    </ul>
  );
}
