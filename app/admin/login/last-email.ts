import { z } from "zod";

/** The cookie that carries the email of a failed sign-in back to the form (five minutes, this page only). */
export const LAST_EMAIL_COOKIE = "folio_sign_in_email";

/** The email to put back in the form: what the cookie holds when it is a plausible address, else nothing. */
export function lastEmail(value: string | undefined): string | undefined {
  const parsed = z.string().trim().max(254).regex(/^[^\s@]+@[^\s@]+$/).safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
