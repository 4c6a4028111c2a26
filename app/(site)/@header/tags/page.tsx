import { SiteHeader } from "@/components/site-header";

export default function TagsHeader() {
  return <SiteHeader current="/tags" />;
}
