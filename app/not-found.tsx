import Link from "next/link";
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
            <Link href="/">Go to the home page</Link> for featured and recent essays,
          </li>
          <li>
            <Link href="/blog">browse everything</Link>, newest first,
          </li>
          <li>
            or <Link href="/topics">pick a topic</Link>.
          </li>
        </ul>
      </main>
      <SiteFooter />
    </>
  );
}
