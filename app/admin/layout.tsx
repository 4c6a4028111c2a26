import type { Metadata } from "next";
import type { ReactNode } from "react";
import { dataDirProblem } from "@/lib/auth/data-dir-health";
import "./admin.css";

export const metadata: Metadata = {
  title: { default: "Admin", template: "%s · Folio admin" },
  robots: { index: false, follow: false },
};

/**
 * Metadata, and a notice when DATA_DIR cannot be written. Access is checked by each page, action and route itself,
 * never in a layout.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const problem = await dataDirProblem();
  return (
    <>
      {problem && (
        <p role="alert" className="form-error admin-notice">
          {problem}
        </p>
      )}
      {children}
    </>
  );
}
