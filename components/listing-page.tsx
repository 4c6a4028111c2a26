import type { Post } from "@/lib/content/shared";
import { Pagination } from "./pagination";
import { PostList } from "./post-list";

type Props = { eyebrow?: { href: string; label: string }; title: string; posts: Post[]; page: number; pages: number; hrefFor: (page: number) => string };

/** One page of a Hugo site's list: a section (`/post/`) or a taxonomy term (`/categories/go/`), newest first. */
export function ListingPage({ eyebrow, title, posts, page, pages, hrefFor }: Props) {
  return (
    <>
      {eyebrow && (
        <p className="eyebrow">
          <a href={eyebrow.href}>{eyebrow.label}</a>
        </p>
      )}
      <h1>{title}</h1>
      <PostList posts={posts} />
      <Pagination page={page} pages={pages} hrefFor={hrefFor} />
    </>
  );
}
