import { ActionForm, type FormAction } from "./action-form";

type Props = { token: string; email: string; action: FormAction };

/** Choosing a password through an invitation or reset link. */
export function SetPasswordForm({ token, email, action }: Props) {
  return (
    <ActionForm action={action} submit="Set password" label="Set password">
      <input type="hidden" name="token" value={token} />
      <label htmlFor="email">Email</label>
      <input id="email" name="username" type="email" value={email} readOnly autoComplete="username" />
      <label htmlFor="password">New password</label>
      <input id="password" name="password" type="password" autoComplete="new-password" required aria-describedby="password-help" />
      <p id="password-help" className="hint">
        At least 12 characters. A few unrelated words make a good one.
      </p>
      <label htmlFor="confirm">Confirm new password</label>
      <input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
    </ActionForm>
  );
}
