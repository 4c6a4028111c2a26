"use client";

import { useOptimistic, useRef, useState, useTransition } from "react";

/** What the switch's server action answers: the value now stored, or why nothing changed. */
export type FeaturedActionResult = { ok: true; featured: boolean } | { ok: false; error: string };

/** The server action behind the switch: sets or clears Featured on one post. */
export type FeaturedAction = (slug: string, featured: boolean) => Promise<FeaturedActionResult>;

type Props = { slug: string; title: string; featured: boolean; disabled: boolean; action: FeaturedAction };

/**
 * The Featured switch of one dashboard row, named after its post ("Featured: TITLE"). While a change is saving the
 * switch stays focusable (aria-disabled, never `disabled`, which would drop keyboard focus to the page), and the
 * outcome, "Saved" or the error, is announced in a polite live region beside it. The server action re-checks the
 * role; `disabled` is a courtesy for roles without the featured right.
 */
export function FeaturedSwitch({ slug, title, featured, disabled, action }: Props) {
  const [saved, setSaved] = useState(featured);
  const [shown, setShown] = useOptimistic(saved);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [pending, startTransition] = useTransition();
  const busy = useRef(false);

  function toggle(next: boolean) {
    if (busy.current) return; // one change at a time; the controlled `checked` snaps back
    busy.current = true;
    startTransition(async () => {
      setShown(next);
      setMessage(null);
      try {
        const result = await action(slug, next);
        if (result.ok) {
          setSaved(result.featured);
          setMessage({ text: "Saved", error: false });
        } else setMessage({ text: result.error, error: true });
      } catch {
        setMessage({ text: "Not saved: the server could not be reached. Try again.", error: true });
      } finally {
        busy.current = false;
      }
    });
  }

  const statusId = `featured-status-${slug}`;
  return (
    <span className="featured-switch">
      <input
        type="checkbox"
        role="switch"
        aria-label={`Featured: ${title}`}
        checked={shown}
        disabled={disabled}
        aria-disabled={pending || undefined}
        aria-describedby={statusId}
        onChange={(event) => toggle(event.currentTarget.checked)}
      />
      <span id={statusId} role="status" className={message?.error ? "form-error featured-switch__status" : "featured-switch__status"}>
        {message?.text}
      </span>
    </span>
  );
}
