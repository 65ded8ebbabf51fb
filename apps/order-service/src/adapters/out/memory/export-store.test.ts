import { exportStoreContract } from "../../../test/export-store-contract";
import { InMemoryExportStore } from "./export-store";

exportStoreContract("in memory", async () => new InMemoryExportStore());
