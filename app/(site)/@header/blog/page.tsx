import { SiteHeader } from "@/components/site-header";

export default function BlogHeader() {
  return <SiteHeader current="/blog" />;
}
