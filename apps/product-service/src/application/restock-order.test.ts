import { restockContract } from "../test/restock-contract";
import { memoryDeps } from "../test/fixtures";

restockContract("in memory", async () => {
  const deps = memoryDeps();
  return {
    deps,
    seed: async (products) => {
      // As the command side holds them (insert would publish created events at version 1).
      for (const p of products) deps.products.rows.set(p.id, { ...p });
    },
    stockOf: async (id) => deps.products.rows.get(id)!.stock,
    stockChanges: async (id) =>
      deps.products.events
        .filter((e) => e.type === "product.stock-changed" && e.state.id === id)
        .map((e) => e.state.version),
    shownStockOf: async (id) => (await deps.catalog.findById(id))?.stock,
  };
});
