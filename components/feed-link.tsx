type Props = { href?: string; label?: string };

/** A visible link to a feed, for readers who follow sites in a feed reader. */
export function FeedLink({ href = "/feed.xml", label = "Follow by RSS" }: Props) {
  return (
    <p className="feed-link">
      <a href={href} type="application/rss+xml">
        {label}
      </a>
    </p>
  );
}
