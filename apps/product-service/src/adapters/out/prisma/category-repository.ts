import type { Category, CategoryRepository } from "../../../application/ports";
import type { Db } from "./client";

export class PrismaCategoryRepository implements CategoryRepository {
  constructor(private readonly db: Db) {}

  list(): Promise<Category[]> {
    return this.db.category.findMany({
      select: { slug: true, name: true, description: true },
      orderBy: [{ position: "asc" }, { name: "asc" }],
    });
  }

  async exists(slug: string): Promise<boolean> {
    return (await this.db.category.count({ where: { slug } })) > 0;
  }
}
