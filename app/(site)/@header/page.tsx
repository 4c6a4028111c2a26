import { SiteHeader } from "@/components/site-header";

export default function HomeHeader() {
  return <SiteHeader current="/" />;
}
