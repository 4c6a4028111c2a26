"use client";

import { useActionState, type ReactNode } from "react";

/**
 * What a team form's server action answers: done (a message, and maybe a link or recovery codes to hand over,
 * shown this once), or why nothing changed.
 */
export type FormState = { ok: true; message: string; link?: string; codes?: string[] } | { ok: false; error: string } | null;

/** A server action for {@link ActionForm}. */
export type FormAction = (state: FormState, form: FormData) => Promise<FormState>;

type Props = { action: FormAction; submit: string; children?: ReactNode; className?: string; label?: string };

/**
 * A form over a server action that works without JavaScript too (React re-renders the page with the answer) and
 * shows the outcome beside the button: an alert for an error, a status line, a link or codes to copy.
 */
export function ActionForm({ action, submit, children, className = "form", label }: Props) {
  const [state, dispatch, pending] = useActionState(action, null);
  return (
    <form action={dispatch} className={className} aria-label={label}>
      {children}
      <button type="submit" className="button" disabled={pending}>
        {submit}
      </button>
      {state && !state.ok && (
        <p role="alert" className="form-error">
          {state.error}
        </p>
      )}
      {state?.ok && <Outcome state={state} />}
    </form>
  );
}

function Outcome({ state }: { state: FormState & { ok: true } }) {
  return (
    <div className="form-outcome">
      <p role="status">{state.message}</p>
      {state.link && (
        <p>
          <label>
            Link
            <input type="text" readOnly value={state.link} className="one-time-link" onFocus={(event) => event.currentTarget.select()} />
          </label>
        </p>
      )}
      {state.codes && (
        <ol className="recovery-codes" aria-label="Recovery codes">
          {state.codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
