import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { requireAdminPage } from "@/server/admin-guard";
import { AdminToaster } from "@/components/admin/admin-toaster";
import { TRPCReactProvider } from "@/trpc/client";

export const metadata: Metadata = {
  title: { default: "Admin", template: "%s · Admin · Meridian" },
  robots: { index: false },
};

/**
 * Admin pages are interactive client pages over the BFF (TanStack Query through tRPC). They
 * are refused on the server before anything renders (here and in each page: see
 * requireAdminPage); every admin call is checked again by the BFF's adminProcedure.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdminPage();

  return (
    <TRPCReactProvider>
      <div className="border-b border-stone-200 bg-stone-900 text-stone-100">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2 text-sm sm:px-6">
          <span className="font-semibold">Admin</span>
          <nav aria-label="Admin" className="flex flex-wrap gap-x-4 gap-y-1">
            <Link href="/admin/products" className="hover:text-white">
              Products
            </Link>
            <Link href="/admin/coupons" className="hover:text-white">
              Coupons
            </Link>
            <Link href="/admin/orders" className="hover:text-white">
              Orders
            </Link>
            <Link href="/admin/analytics" className="hover:text-white">
              Analytics
            </Link>
            <Link href="/admin/ops" className="hover:text-white">
              Operations
            </Link>
          </nav>
        </div>
      </div>
      {children}
      <AdminToaster />
    </TRPCReactProvider>
  );
}
