export * from "./money";
export * from "./product";
export * from "./errors";
