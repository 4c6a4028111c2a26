"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientKeyFrom } from "@/lib/auth/client-key";
import { safeNextPath, setSessionCookie } from "@/lib/auth/request";
import { signIn } from "@/lib/auth/sign-in";
import { LAST_EMAIL_COOKIE } from "./last-email";

const credentials = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
});

/**
 * Back to the form with an error. The email typed goes along in a short-lived cookie scoped to this page (never in
 * the URL, which lands in logs and history), so the form can keep it.
 */
async function back(error: string, next: string, email: unknown): Promise<never> {
  if (typeof email === "string" && email.length <= 254) {
    (await cookies()).set(LAST_EMAIL_COOKIE, email.trim(), { httpOnly: true, sameSite: "strict", path: "/admin/login", maxAge: 300 });
  }
  redirect(`/admin/login?error=${error}&next=${encodeURIComponent(next)}`);
}

/** Signs in from the login form. Works without JavaScript: errors come back as a redirect to the form. */
export async function signInAction(form: FormData): Promise<void> {
  const next = safeNextPath(form.get("next"));
  const email = form.get("email");
  const parsed = credentials.safeParse({ email, password: form.get("password") });
  if (!parsed.success) return back("invalid", next, email);
  let result;
  try {
    result = await signIn(parsed.data.email, parsed.data.password, clientKeyFrom(await headers()));
    if (result.ok) await setSessionCookie(result.sessionId);
  } catch (error) {
    console.error(`[folio] sign-in failed: ${(error as Error).message}`);
    return back("unavailable", next, email);
  }
  if (!result.ok) return back(result.error === "invalid-credentials" ? "invalid" : result.error, next, email);
  (await cookies()).delete({ name: LAST_EMAIL_COOKIE, path: "/admin/login" });
  redirect(next);
}
