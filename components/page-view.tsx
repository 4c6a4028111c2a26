import { typographer, type Post, type RenderedPost } from "@/lib/content/shared";
import { Toc } from "./toc";

type Props = { page: Post; rendered: RenderedPost; dir?: "rtl" };

/** A page of a Hugo site that is not a post (`about.md`): its title and words, without date, CTA or related posts. */
export function PageView({ page, rendered, dir }: Props) {
  return (
    <article className="post page" lang={page.lang} dir={dir}>
      <header className="post__header">
        <h1 className="post__title">{typographer(page.title)}</h1>
        {page.description && <p className="post__description">{typographer(page.description)}</p>}
      </header>
      <Toc headings={rendered.headings} readingMinutes={page.readingMinutes} />
      {"html" in rendered ? <div className="prose" dangerouslySetInnerHTML={{ __html: rendered.html }} /> : <div className="prose">{rendered.content}</div>}
    </article>
  );
}
