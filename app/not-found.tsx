import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";

export const metadata = { title: "Page not found", robots: { index: false } };

export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="wrap main not-found">
        <h1>Page not found</h1>
        <p>There is nothing at this address. It may have moved, or it may not be published yet.</p>
        <ul>
          <li>
            <a href="/">Go to the home page</a> for featured and recent essays,
          </li>
          <li>
            <a href="/blog">browse everything</a>, newest first,
          </li>
          <li>
            or <a href="/topics">pick a topic</a>.
          </li>
        </ul>
      </main>
      <SiteFooter />
    </>
  );
}
