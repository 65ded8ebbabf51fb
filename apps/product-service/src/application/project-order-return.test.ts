import { memoryDeps } from "../test/fixtures";
import { returnsContract } from "../test/returns-contract";

returnsContract("in memory", async () => {
  const deps = memoryDeps();
  return {
    deps,
    snapshot: async () => ({
      catalog: [...deps.readModels.catalog.entries()].sort(),
      sales: [...deps.readModels.sales.entries()].sort(),
    }),
  };
});
