import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/config/site";

/** /robots.txt: everything but the admin may be crawled; the sitemap is named by its absolute URL. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: "/admin" },
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
