import type { Metadata } from "next";
import { parseAdminFilters } from "@/components/admin/filters";
import { ProductsAdmin } from "@/components/admin/products-admin";

export const metadata: Metadata = { title: "Products" };

/** The product admin. Data loads in the browser through the BFF; filters live in the URL. */
export default async function AdminProductsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <ProductsAdmin initialFilters={parseAdminFilters(await searchParams)} />;
}
