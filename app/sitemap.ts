import { getSitemap } from "@/lib/seo/sitemap";

// /sitemap.xml: static, and re-generated at most a minute apart like the pages it lists.
export const revalidate = 60;

export default function sitemap() {
  return getSitemap();
}
