import { SocialCard } from "@/components/social-card";
import { socialCardResponse } from "@/lib/seo/social-card";
import { site } from "@/lib/config/site";

// The default social card, for every page that is not a post. Drawn once at build time.
export const dynamic = "force-static";

export function GET() {
  return socialCardResponse(<SocialCard title={site.tagline} description={site.description} siteName={site.name} byline={site.author.name} />);
}
