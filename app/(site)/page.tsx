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
      <section aria-labelledby="featured-heading" className="home-section home-section--featured">
        <h2 id="featured-heading">Featured</h2>
        <PostList posts={featured} headingLevel={3} empty="Nothing is featured right now." />
      </section>
      <section aria-labelledby="latest-heading" className="home-section">
        <h2 id="latest-heading">Latest</h2>
        <PostList posts={latest} headingLevel={3} />
        {posts.length > featured.length + latest.length && (
          <p>
            <a href="/blog">All {posts.length} essays →</a>
          </p>
        )}
      </section>
    </>
  );
}
