import type { Post } from "@/lib/content/shared";
import { PostCard } from "./post-card";

type Props = { posts: Post[]; headingLevel?: 2 | 3; empty?: string };

/** A list of posts, newest first as given. */
export function PostList({ posts, headingLevel, empty = "Nothing here yet." }: Props) {
  if (posts.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ol className="post-list" role="list">
      {posts.map((post) => (
        <li key={post.slug}>
          <PostCard post={post} headingLevel={headingLevel} />
        </li>
      ))}
    </ol>
  );
}
