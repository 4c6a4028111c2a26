import { FeaturedSection } from "@/components/featured-section";
import { FeedLink } from "@/components/feed-link";
import { PostList } from "@/components/post-list";
import { getFeaturedPosts, getPublishedPosts } from "@/lib/content";
import { pageMetadata } from "@/lib/seo/metadata";
import { site } from "@/lib/config/site";

// Public pages are static and re-rendered at most a minute apart, so scheduled posts appear without a rebuild.
export const revalidate = 60;
export const metadata = pageMetadata({ path: "/" });

export default async function HomePage() {
  const [featured, posts] = await Promise.all([getFeaturedPosts(), getPublishedPosts()]);
  const latest = posts.filter((post) => !post.featured).slice(0, site.latestOnHome);
  return (
    <>
      <div className="intro">
        <h1>{site.tagline}</h1>
        <p>{site.description}</p>
      </div>
      <FeaturedSection posts={featured} />
      <section aria-labelledby="latest-heading" className="home-section">
        <h2 id="latest-heading">Latest</h2>
        <PostList posts={latest} headingLevel={3} />
        {posts.length > featured.length + latest.length && (
          <p>
            <a href="/blog">All {posts.length} essays →</a>
          </p>
        )}
      </section>
      <FeedLink />
    </>
  );
}
