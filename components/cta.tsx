import { site } from "@/lib/config/site";

/** The call to action shown on posts with `cta: true`; its words and link come from lib/config/site.ts. */
export function Cta() {
  return (
    <aside className="cta" data-cta aria-labelledby="cta-heading">
      <h2 id="cta-heading" className="cta__heading">
        {site.cta.heading}
      </h2>
      <p className="cta__text">{site.cta.text}</p>
      <a className="cta__link" href={site.cta.href} rel="noopener noreferrer">
        {site.cta.label}
      </a>
    </aside>
  );
}
