import "./zod-config";
export * from "./auth";
export * from "./coupon";
export * from "./errors";
export * from "./messages";
export * from "./money";
export * from "./payment";
export * from "./product";
export * from "./text";
