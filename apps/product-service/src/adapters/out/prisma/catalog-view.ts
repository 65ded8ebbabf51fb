import type { CatalogView, ProductFilter, ProductListing } from "../../../application/ports";
import type { Day } from "../../../domain/sales";
import type { Db } from "./client";
import { findInView, listCatalog } from "./product-listing-query";

/** The query side's catalog view (read.catalog_product), written only by the projector. */
export class PrismaCatalogView implements CatalogView {
  constructor(private readonly db: Db) {}

  list(f: ProductFilter, salesDays: readonly Day[]): Promise<ProductListing> {
    return listCatalog(this.db, f, salesDays);
  }

  findById(id: string) {
    return findInView(this.db, { id });
  }

  findBySlug(slug: string) {
    return findInView(this.db, { slug });
  }
}
