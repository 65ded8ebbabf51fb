import type { CommonError } from "@shop/kernel";

/** What order-service's use cases can refuse, as values (mapped to tRPC at the edge). */
export type OrderError = CommonError | { code: "FORBIDDEN"; message: string };
