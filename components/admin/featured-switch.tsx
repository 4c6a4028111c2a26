"use client";

import { useOptimistic, useState, useTransition } from "react";

/** What the switch's server action answers: the value now stored, or why nothing changed. */
export type FeaturedActionResult = { ok: true; featured: boolean } | { ok: false; error: string };

/** The server action behind the switch: sets or clears Featured on one post. */
export type FeaturedAction = (slug: string, featured: boolean) => Promise<FeaturedActionResult>;

type Props = { slug: string; featured: boolean; disabled: boolean; action: FeaturedAction };

/** The "Featured" switch of one dashboard row. The server action re-checks the role; `disabled` is a courtesy. */
export function FeaturedSwitch({ slug, featured, disabled, action }: Props) {
  const [saved, setSaved] = useState(featured);
  const [shown, setShown] = useOptimistic(saved);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function toggle(next: boolean) {
    startTransition(async () => {
      setShown(next);
      setError(null);
      const result = await action(slug, next);
      if (result.ok) setSaved(result.featured);
      else setError(result.error);
    });
  }

  return (
    <span className="featured-switch">
      <input
        type="checkbox"
        role="switch"
        aria-label="Featured"
        checked={shown}
        disabled={disabled || pending}
        aria-describedby={error ? `featured-error-${slug}` : undefined}
        onChange={(event) => toggle(event.currentTarget.checked)}
      />
      {error && (
        <span id={`featured-error-${slug}`} role="alert" className="form-error">
          {error}
        </span>
      )}
    </span>
  );
}
