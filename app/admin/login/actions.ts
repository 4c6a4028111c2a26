"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientKeyFrom } from "@/lib/auth/client-key";
import { safeNextPath, setSessionCookie } from "@/lib/auth/request";
import { signIn } from "@/lib/auth/sign-in";

const credentials = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
});

function back(error: string, next: string): never {
  redirect(`/admin/login?error=${error}&next=${encodeURIComponent(next)}`);
}

/** Signs in from the login form. Works without JavaScript: errors come back as a redirect to the form. */
export async function signInAction(form: FormData): Promise<void> {
  const next = safeNextPath(form.get("next"));
  const parsed = credentials.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) back("invalid", next);
  let result;
  try {
    result = await signIn(parsed.data.email, parsed.data.password, clientKeyFrom(await headers()));
    if (result.ok) await setSessionCookie(result.sessionId);
  } catch (error) {
    console.error(`[folio] sign-in failed: ${(error as Error).message}`);
    back("unavailable", next);
  }
  if (!result.ok) back(result.error === "invalid-credentials" ? "invalid" : result.error, next);
  redirect(next);
}
