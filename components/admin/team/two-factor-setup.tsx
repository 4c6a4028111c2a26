"use client";

import { useActionState } from "react";
import type { FormAction } from "./action-form";

type Props = {
  /** The set-up in progress: its QR code and the key in text, for apps that cannot scan. */
  pending: { qr: string; secret: string } | null;
  enabled: boolean;
  start: () => Promise<void>;
  finish: FormAction;
};

/**
 * Setting up two-factor sign-in: start (a fresh key), scan and type a code, then read the recovery codes once.
 * Always rendered in the same place so that, without JavaScript, the page that comes back still shows the codes.
 */
export function TwoFactorSetup({ pending, enabled, start, finish }: Props) {
  const [state, dispatch, busy] = useActionState(finish, null);
  if (state?.ok) {
    return (
      <div className="form-outcome">
        <p role="status">{state.message}</p>
        <ol className="recovery-codes" aria-label="Recovery codes">
          {state.codes?.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
        <p>
          <a href="/admin">Continue to the dashboard</a>
        </p>
      </div>
    );
  }
  if (!pending) {
    return (
      <form action={start}>
        <button type="submit" className="button">
          {enabled ? "Set up again with a new phone" : "Set up two-factor sign-in"}
        </button>
      </form>
    );
  }
  return (
    <form action={dispatch} className="form" aria-label="Confirm two-factor set-up">
      <p>Scan this code with an authenticator app (such as Aegis, Google Authenticator or 1Password):</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL drawn on the server, nothing to optimize */}
      <img src={pending.qr} alt="QR code for your authenticator app" width={200} height={200} className="qr" />
      <p>
        Or type this key into the app: <code data-testid="totp-secret">{pending.secret}</code>
      </p>
      <label htmlFor="setup-code">Code from the app</label>
      <input id="setup-code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" required />
      <button type="submit" className="button" disabled={busy}>
        Turn on two-factor sign-in
      </button>
      {state && !state.ok && (
        <p role="alert" className="form-error">
          {state.error}
        </p>
      )}
    </form>
  );
}
