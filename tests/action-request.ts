import { vi } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import { getSessionSecret, signSessionId } from "@/lib/auth/session-token";

// A stand-in for the one request a server action runs in: its cookies and headers, as Next's request store would
// hold them. The action's own code, and the auth checks in it, run for real. Install with
//   vi.mock("next/headers", async () => (await import("@/tests/action-request")).nextHeadersStub());
// (a dynamic import, because vi.mock is hoisted above the static ones).

type Jar = Map<string, string>;
const state: { jar: Jar } = { jar: new Map() };

/** The module that replaces `next/headers` in a test. */
export function nextHeadersStub() {
  return {
    cookies: async () => ({
      get: (name: string) => (state.jar.has(name) ? { name, value: state.jar.get(name)! } : undefined),
      set: (name: string, value: string) => void state.jar.set(name, value),
      delete: (name: string) => void state.jar.delete(name),
    }),
    headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }),
  };
}

/** The module that replaces `next/cache` (nothing to revalidate outside a server). */
export const nextCacheStub = () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() });

/** Starts each test's request with no cookies: nobody signed in. */
export function signOutRequest(): void {
  state.jar = new Map();
}

/** Makes the request carry a fresh session cookie for `email`, as the sign-in form would have set it. */
export async function signInRequest(email: string): Promise<void> {
  const id = await createSession(email);
  state.jar = new Map([["folio_session", signSessionId(id, await getSessionSecret())]]);
}

/** A FormData from plain fields (repeated names as arrays). */
export function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  return form;
}
