import type { Post } from "@/lib/content/shared";
import { PostList } from "./post-list";

type Props = { posts: Post[] };

/** The home page's Featured region; nothing at all when nothing is featured (readers never see an empty shelf). */
export function FeaturedSection({ posts }: Props) {
  if (posts.length === 0) return null;
  return (
    <section aria-labelledby="featured-heading" className="home-section home-section--featured">
      <h2 id="featured-heading">Featured</h2>
      <PostList posts={posts} headingLevel={3} />
    </section>
  );
}
