import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./admin.css";

export const metadata: Metadata = {
  title: { default: "Admin", template: "%s · Folio admin" },
  robots: { index: false, follow: false },
};

/** Metadata only. Access is checked by each page, action and route itself, never in a layout. */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return children;
}
