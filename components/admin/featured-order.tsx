import type { FeaturedEntry } from "@/lib/admin/featured-order";

type Props = { entries: FeaturedEntry[]; move: (form: FormData) => Promise<void> };

/**
 * The Featured region's order, for marketers: each post with buttons that move it one place up or down (plain
 * forms, so they work without JavaScript). The home page shows the region in this order.
 */
export function FeaturedOrder({ entries, move }: Props) {
  if (entries.length === 0) return <p className="empty">Nothing is featured. Turn on Featured in a post&apos;s row to add it.</p>;
  return (
    <ol className="featured-order">
      {entries.map((entry, i) => (
        <li key={entry.slug}>
          <span className="featured-order__title">{entry.title}</span>
          <form action={move} className="inline-form">
            <input type="hidden" name="slug" value={entry.slug} />
            <button type="submit" name="direction" value="up" className="button button--small" disabled={i === 0} aria-label={`Move up: ${entry.title}`}>
              ↑ Up
            </button>{" "}
            <button type="submit" name="direction" value="down" className="button button--small" disabled={i === entries.length - 1} aria-label={`Move down: ${entry.title}`}>
              ↓ Down
            </button>
          </form>
        </li>
      ))}
    </ol>
  );
}
