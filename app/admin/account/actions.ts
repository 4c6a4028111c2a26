"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/admin/team/action-form";
import { beginTwoFactorSetup, changeOwnPassword, endOwnSession, finishTwoFactorSetup, renewRecoveryCodes, turnOffTwoFactor } from "@/lib/admin/team/account";
import { clientKeyFrom } from "@/lib/auth/client-key";
import { authorize, currentSessionId, setSessionCookie } from "@/lib/auth/request";
import { sessionHandle } from "@/lib/auth/sessions";

// One's own account: any signed-in user, each action checking the session itself. The two-factor set-up actions
// are the only ones open to a user whose role requires two-factor sign-in and who has not set it up yet.

function text(form: FormData, name: string, max = 1024): string {
  const value = form.get(name);
  return typeof value === "string" ? value.slice(0, max) : "";
}

export async function changePasswordAction(_: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize(null);
  if (!auth.ok) return { ok: false, error: auth.error };
  const input = { current: text(form, "current"), next: text(form, "next"), confirm: text(form, "confirm") };
  const result = await changeOwnPassword(auth.session.email, input, clientKeyFrom(await headers()));
  if (!result.ok) return result;
  await setSessionCookie(result.sessionId);
  revalidatePath("/admin/account");
  return { ok: true, message: result.message };
}

export async function endSessionAction(_: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize(null);
  if (!auth.ok) return { ok: false, error: auth.error };
  const current = await currentSessionId();
  const result = await endOwnSession(auth.session.email, text(form, "session", 64), current ? sessionHandle(current) : null);
  // The ended session's line, and the form in it, are gone from the page: the outcome is told by the page.
  if (result.ok) redirect("/admin/account?done=session-ended");
  return result;
}

export async function turnOffTwoFactorAction(_: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize(null);
  if (!auth.ok) return { ok: false, error: auth.error };
  const result = await turnOffTwoFactor(auth.session.email, auth.session.role, text(form, "password"), clientKeyFrom(await headers()));
  if (result.ok) revalidatePath("/admin/account");
  return result;
}

export async function renewRecoveryCodesAction(_: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize(null);
  if (!auth.ok) return { ok: false, error: auth.error };
  const result = await renewRecoveryCodes(auth.session.email, text(form, "password"), clientKeyFrom(await headers()));
  if (!result.ok) return result;
  return { ok: true, message: "New recovery codes. Keep them somewhere safe: they are not shown again, and the old ones no longer work.", codes: result.recoveryCodes };
}

export async function startTwoFactorSetupAction(): Promise<void> {
  const auth = await authorize(null, { setup: true });
  if (!auth.ok) redirect("/admin/login?next=%2Fadmin%2Faccount%2Ftwo-factor");
  await beginTwoFactorSetup(auth.session.email);
  redirect("/admin/account/two-factor");
}

export async function finishTwoFactorSetupAction(_: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize(null, { setup: true });
  if (!auth.ok) return { ok: false, error: auth.error };
  const result = await finishTwoFactorSetup(auth.session.email, text(form, "code", 64));
  if (!result.ok) return result;
  // No revalidation: the page would drop the set-up form, and with it these codes, before they were read.
  return { ok: true, message: "Two-factor sign-in is on. Save these recovery codes somewhere safe: each works once if you lose your phone, and they are not shown again.", codes: result.recoveryCodes };
}
