import { SiteHeader } from "@/components/site-header";

export default function TopicsHeader() {
  return <SiteHeader current="/topics" />;
}
