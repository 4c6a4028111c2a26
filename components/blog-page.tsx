import type { Post } from "@/lib/content/shared";
import type { Page } from "@/lib/http/paginate";
import { FeedLink } from "./feed-link";
import { Pagination } from "./pagination";
import { PostList } from "./post-list";

type Props = { page: Page<Post> };

/** One page of every public post, newest first. */
export function BlogPage({ page }: Props) {
  return (
    <>
      <h1>Writing</h1>
      <PostList posts={page.items} />
      <Pagination page={page.page} pages={page.pages} hrefFor={(n) => (n === 1 ? "/blog" : `/blog/page/${n}`)} />
      <FeedLink />
    </>
  );
}
