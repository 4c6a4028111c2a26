type Props = {
  /** The server action the form posts to (a plain form post, so it works without JavaScript). */
  action: (form: FormData) => Promise<void>;
  next: string;
  /** The last attempt's error, shown above the fields and tied to the password field. */
  error?: string;
  /** The email of the last attempt, kept so only the password needs typing again. */
  email?: string;
};

/** The sign-in form. After a failed attempt the email stays and focus goes to the password, which the error describes. */
export function SignInForm({ action, next, error, email }: Props) {
  return (
    <form action={action} className="form">
      {error && (
        <p id="sign-in-error" role="alert" className="form-error">
          {error}
        </p>
      )}
      <input type="hidden" name="next" value={next} />
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="username" required defaultValue={email} autoFocus={!error && !email} />
      <label htmlFor="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus={Boolean(error)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "sign-in-error" : undefined}
      />
      <button type="submit" className="button">
        Sign in
      </button>
    </form>
  );
}
