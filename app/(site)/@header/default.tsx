import { SiteHeader } from "@/components/site-header";

/** The header of a page the navigation does not link to (a post, a topic, page 2 of the archive). */
export default function DefaultHeader() {
  return <SiteHeader />;
}
