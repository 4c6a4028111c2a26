"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, type FormEvent, type ReactNode } from "react";

type Props = {
  action: string;
  label: string;
  /** Values that are the defaults, left out of the URL (`{ status: "all" }`). */
  defaults?: Record<string, string>;
  children: ReactNode;
};

/** How long typing must pause before the filters apply. */
const TYPING_PAUSE_MS = 300;

/**
 * The query string a GET form would send, without empty or default fields and without `page` (a new filter starts
 * at page 1).
 */
function queryOf(form: HTMLFormElement, defaults: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== "string" || name === "page") continue;
    const trimmed = value.trim();
    if (trimmed !== "" && defaults[name] !== trimmed) params.set(name, trimmed);
  }
  const search = params.toString();
  return search ? `?${search}` : "";
}

/**
 * A plain GET form (it works without JavaScript: the button submits it) that, with JavaScript, applies its filters
 * as you type: after a short pause the page's URL is replaced, and the server renders the matching rows. The inputs
 * keep their focus and text, since the form itself is not re-created.
 */
export function LiveFilterForm({ action, label, defaults = {}, children }: Props) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  function apply(form: HTMLFormElement, delay: number) {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => router.replace(`${action}${queryOf(form, defaults)}`, { scroll: false }), delay);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply(event.currentTarget, 0);
  }

  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className="admin-filters"
      onSubmit={submit}
      onChange={(event) => apply(event.currentTarget, event.target instanceof HTMLSelectElement ? 0 : TYPING_PAUSE_MS)}
      onInput={(event) => apply(event.currentTarget, TYPING_PAUSE_MS)}
    >
      {children}
    </form>
  );
}
