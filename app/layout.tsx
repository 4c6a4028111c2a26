import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { env } from "@/lib/config/env";
import { feedAlternates } from "@/lib/seo/metadata";
import { site } from "@/lib/config/site";
import "./globals.css";

export const metadata: Metadata = {
  metadataBase: new URL(env().siteUrl),
  title: { default: `${site.name}: ${site.tagline}`, template: `%s · ${site.name}` },
  description: site.description,
  applicationName: site.name,
  authors: [{ name: site.author.name }],
  // The feeds for pages without metadata of their own; pageMetadata repeats them beside each canonical URL.
  alternates: { types: feedAlternates },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfaf7" },
    { media: "(prefers-color-scheme: dark)", color: "#16171a" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={site.language}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
